from core.content import LoadCommand
from guide import content_files


class Command(LoadCommand):
    help = (
        "Load the guide's sections from guide/content/*.md (load_content loads every "
        "feature's content). Safe to run again: a section follows its file, except "
        "one edited in the admin, which is kept unless --force is given."
    )
    loader = staticmethod(content_files.load)
    path_option = "--folder"
    default_path = content_files.CONTENT_DIR
