"""Every path the suite uses, in one place."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
SEEDS_DIR = ROOT / "seeds"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
LEXICON_DIR = PACKAGE_DIR / "lexicons"
STYLE_FILE = PACKAGE_DIR / "report.mplstyle"
