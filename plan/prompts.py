from django.utils.translation import gettext_lazy as _

# Gentle questions to start from (CONTENT.md section 4, step 1).
REASON_PROMPTS = [
    _("What will I no longer put up with?"),
    _("How is this affecting my health, my sleep, my work, my joy?"),
    _("What would have to change for me to stay, and has it changed?"),
    _("What do I want my days to feel like a year from now?"),
    _("What would I tell a friend who was living what I'm living?"),
]
