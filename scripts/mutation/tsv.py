"""The TAB-separated files of the mutation tool (waivers, hand-written mutants)."""


def rows(path, error):
    """(line number, fields) of every line of `path` but blank lines and # comments; a file
    that cannot be read raises `error` ("PATH: why")."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise error(f"{path}: {e.strerror}")
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")
