"""Settings for every test run, notebooks included (pytest reads this file first)."""

#: Test files that take longest, started first so that the workers of `make test`
#: (pytest-xdist, one file per worker at a time) finish together.
SLOWEST_FIRST = ["tests/test_report.py", "tests/test_dask.py"]


def pytest_collection_modifyitems(config, items):
    def rank(item):
        path = item.path.relative_to(config.rootpath).as_posix()
        return SLOWEST_FIRST.index(path) if path in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the order within each file is kept
