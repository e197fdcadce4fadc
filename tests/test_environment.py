"""pyproject.toml and environment.yml list the same dependencies."""

import re
import tomllib

import yaml

from analysis import ROOT

# conda-forge splits dask's extras into packages of their own.
CONDA_FOR = {"dask[dataframe,distributed]": {"dask", "distributed"}}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ]", requirement, maxsplit=1)[0].lower()


def test_conda_and_pip_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = set()
    for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
        pip_names |= CONDA_FOR.get(_name(req), {_name(req)})
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = set()
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        conda_names |= {_name(d) for d in items if not d.startswith("-e")}
    conda_names -= {"python", "pip"}
    assert conda_names == pip_names
