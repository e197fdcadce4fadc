"""pyproject.toml and environment.yml list the same dependencies, with the same bounds."""

import re
import tomllib

import yaml

from analysis import ROOT

# conda-forge splits dask's extras into packages of their own.
CONDA_FOR = {"dask[dataframe,distributed]": ("dask", "distributed")}


def _split(requirement: str) -> tuple[str, str]:
    """('pandas', '>=2.2') from 'pandas>=2.2' (pip) or 'pandas>=2.2' (conda)."""
    name, bound = re.match(r"([A-Za-z0-9_.\-\[\],]+)\s*(.*)", requirement.strip()).groups()
    return name.lower(), bound.replace(" ", "")


def _pip() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = {}
    for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name, bound = _split(req)
        for conda_name in CONDA_FOR.get(name, (name,)):
            found[conda_name] = bound
    return found


def _conda() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        for item in dep["pip"] if isinstance(dep, dict) else [dep]:
            if not item.startswith("-e"):
                name, bound = _split(item)
                found[name] = bound
    found.pop("pip")
    assert found.pop("python") == "=3.11"
    return found


def test_conda_and_pip_agree_on_names_and_bounds():
    pip, conda = _pip(), _conda()
    assert sorted(conda) == sorted(pip)
    assert {n: b for n, b in conda.items() if pip[n] != b} == {}
    assert pip["pandas"] == ">=2.2"  # the parser reads the bounds, not only the names
