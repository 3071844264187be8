from core.content import LoadCommand
from inspire import content_files


class Command(LoadCommand):
    help = (
        "Load the daily reminders from inspire/data/reminders.yaml (load_content loads "
        "every feature's content). Safe to run again: reminders edited in the admin are "
        "kept unless --force."
    )
    loader = staticmethod(content_files.load)
    default_path = content_files.DATA_FILE
