from core.content import LoadCommand
from scripts import content_files


class Command(LoadCommand):
    help = (
        "Load the scripts library from scripts/data/scripts.yaml (load_content loads "
        "every feature's content). Safe to run again: scripts edited in the admin are "
        "kept unless --force."
    )
    loader = staticmethod(content_files.load)
    default_path = content_files.DATA_FILE
