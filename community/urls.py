from django.urls import path

from community import views_mod, views_read, views_write

app_name = "community"

urlpatterns = [
    path("", views_read.index, name="index"),
    path("join/", views_write.join, name="join"),
    path("name/", views_write.rename, name="rename"),
    path("search/", views_read.search, name="search"),
    path("bookmarks/", views_read.bookmarks, name="bookmarks"),
    path("notifications/", views_read.notifications, name="notifications"),
    path("blocked/", views_write.blocked, name="blocked"),
    path("blocked/<uuid:block_id>/lift/", views_write.unblock, name="unblock"),
    path("suspended/", views_write.suspended, name="suspended"),
    path("b/<slug:slug>/", views_read.board, name="board"),
    path("b/<slug:slug>/new/", views_write.new_thread, name="new_thread"),
    path("t/<uuid:thread_id>/", views_read.thread, name="thread"),
    path("t/<uuid:thread_id>/reply/", views_write.reply, name="reply"),
    path("t/<uuid:thread_id>/follow/", views_write.follow, name="follow"),
    path("p/<uuid:post_id>/", views_read.post_link, name="post"),
    path("p/<uuid:post_id>/react/", views_write.react, name="react"),
    path("p/<uuid:post_id>/bookmark/", views_write.bookmark, name="bookmark"),
    path("p/<uuid:post_id>/flag/", views_write.flag, name="flag"),
    path("p/<uuid:post_id>/block/", views_write.block, name="block"),
    path("mod/", views_mod.queue, name="queue"),
    path("mod/p/<uuid:post_id>/", views_mod.review, name="review"),
    path("mod/p/<uuid:post_id>/suspend/", views_mod.suspend, name="suspend"),
    path("mod/t/<uuid:thread_id>/pace/", views_mod.slow, name="slow"),
    path("mod/appeals/", views_mod.appeals, name="appeals"),
    path("mod/appeals/<uuid:appeal_id>/", views_mod.answer, name="answer"),
    path("mod/log/", views_mod.log, name="log"),
    path("mod/words/", views_mod.words, name="words"),
    path("mod/words/<uuid:word_id>/remove/", views_mod.word_delete, name="word_delete"),
    path("mod/team/", views_mod.team, name="team"),
]
