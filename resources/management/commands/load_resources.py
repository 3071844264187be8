from core.content import LoadCommand
from resources import content_files, data


class Command(LoadCommand):
    help = (
        "Load help lines from resources/data/helplines.yaml (load_content loads every "
        "feature's content). Safe to run again: entries are matched by slug, rows edited "
        "in the admin are kept unless --force, and entries gone from the file are removed "
        "unless an operator edited or added them."
    )
    loader = staticmethod(content_files.load)
    default_path = data.DATA_FILE
