import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.content_rows import ContentRow
from guide import rendering, search
from guide import tools as guide_tools


class Section(ContentRow):
    """One section of the public guide, loaded from guide/content/NN-slug.md.

    Everything here is public text: nothing private is ever stored in this app.
    `source_version` is the version in the file's front matter.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body_markdown = models.TextField(
        help_text="Markdown. Saving re-renders the page and updates search."
    )
    body_html = models.TextField(editable=False, blank=True)
    body_text = models.TextField(editable=False, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    tools = models.JSONField(
        default=list,
        blank=True,
        help_text='Links to tools, e.g. [{"label": "Try the relationship check", '
        '"url_name": "assess:relationship", "path": "/check/relationship/"}]',
    )
    show_help_lines = models.BooleanField(
        default=False, help_text="Show the help lines for the reader's country on this page."
    )
    # Used on PostgreSQL only (GIN index in migration 0002); empty on SQLite,
    # where an FTS5 table does the same job.
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        try:
            self.tools = guide_tools.validate(self.tools)
        except guide_tools.ToolError as error:
            raise ValidationError({"tools": str(error)}) from None

    def render(self) -> None:
        self.body_html = rendering.to_html(self.body_markdown)
        self.body_text = rendering.to_text(self.body_html)
        self.reading_minutes = rendering.reading_minutes(
            " ".join([self.title, self.summary, self.body_text])
        )


@receiver(post_save, sender=Section)
def _index_after_save(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_section(instance)


@receiver(post_delete, sender=Section)
def _unindex_after_delete(sender, instance, **kwargs):
    search.unindex_section(instance.pk)
