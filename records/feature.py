from django.utils.translation import gettext_lazy as _  # noqa: F401

from core.features import Feature

FEATURE = Feature(
    app="records",
    models=["records.Incident", "records.IncidentVersion", "records.Evidence", "records.Share"],
    private_pages=["records:export", "records:shares", "records:share_new"],
    public_pages=["records:verify"],
)
