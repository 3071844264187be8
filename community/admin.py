"""Operators see the community's shape, never anyone's private space.

Members' roles are set here (the first admin of a community is made by an
operator; admins then manage moderators in the community itself). A
member's sign-in name is not shown: only their community name.
"""

from django.contrib import admin

from community.models import Board, Member, ModAction, WatchedWord


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["name"]
    fields = ["name", "role"]
    readonly_fields = ["name"]

    def has_add_permission(self, request):
        return False


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["title", "discreet_title", "slug", "position", "kind"]
    ordering = ["position"]


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action"]


@admin.register(ModAction)
class ModActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "kind", "reason"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
