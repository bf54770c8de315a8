"""Drive OmegaT 3.6 headless: a project in a folder, console-translate, the files it writes to target/.

The settings come from the issue 10 research: sentence segmentation off, a project filters.xml that
keeps leading and trailing tags and spaces (OmegaT strips them by default, and then no TMX matches),
and preferences that read external TMX at level 2 with tags as ``<d0/>`` (what makes our TMX tags
match the tags of our XLIFF). OmegaT is run without a display; a wrong mode would start the GUI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

TIMEOUT = 120  # seconds for one OmegaT run (3-30 s for a corpus language); two runs stay below pytest-timeout

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes>
      <mask>**/.git/**</mask>
    </source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""

FILTERS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="false" preserveSpaces="true" ignoreFileContext="false">
    <filter className="org.omegat.filters3.xml.xliff.XLIFFFilter" enabled="true">
        <files sourceFilenameMask="*.xlf" targetFilenamePattern="${filename}"/>
        <files sourceFilenameMask="*.xliff" targetFilenamePattern="${filename}"/>
        <option name="compatibility26" value="false"/>
        <option name="forceshortcut2f" value="false"/>
    </filter>
    <filter className="org.omegat.filters2.po.PoFilter" enabled="true">
        <files sourceFilenameMask="*.po" targetFilenamePattern="${filename}"/>
        <files sourceFilenameMask="*.pot" targetFilenamePattern="${filename}"/>
    </filter>
</filters>
"""

PREFS = """<?xml version="1.0" encoding="UTF-8" ?>
<omegat>
  <preference version="1.0">
    <ext_tmx_show_level2>true</ext_tmx_show_level2>
    <ext_tmx_use_slash>true</ext_tmx_use_slash>
  </preference>
</omegat>
"""

NATIVE_TMX_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
    creationtoolversion="3.6.0" segtype="paragraph" srclang="{source}"/>
  <body>
"""


def require_omegat() -> str:
    """Return the omegat command, or skip the test that needs it."""
    command = shutil.which("omegat")
    if command is None:
        pytest.skip("OmegaT is not installed (Debian package omegat; .ci/run installs it)")
    return command


@dataclass(frozen=True)
class Project:
    """An OmegaT project folder with its private configuration folder beside it."""

    root: Path
    config: Path
    source_locale: str
    target_locale: str

    @property
    def target(self) -> Path:
        return self.root / "target"

    def add_source(self, path: Path) -> Path:
        """Copy a file to translate into source/."""
        return Path(shutil.copy(path, self.root / "source" / path.name))

    def add_memory(self, folder: str, path: Path) -> Path:
        """Copy a TMX into tm/auto, tm/enforce or omegat (as project_save.tmx)."""
        name = "project_save.tmx" if folder == "omegat" else path.name
        destination = self.root / folder / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(path, destination))

    def run(self, *options: str) -> subprocess.CompletedProcess[str]:
        """Run OmegaT on the project without a display; fail the test on a non-zero exit."""
        env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
        result = subprocess.run(
            [
                require_omegat(),
                str(self.root),
                f"--config-dir={self.config}",
                "--disable-project-locking",
                "--no-team",
                "--quiet",
                *options,
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, (
            f"omegat exited {result.returncode}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
        return result

    def translate(self) -> Path:
        """Run console-translate and return target/."""
        self.run("--mode=console-translate")
        return self.target

    def segments(self) -> list[str]:
        """Return the distinct source segments as OmegaT sees them (tags as shortcuts such as ``<f0>``)."""
        pseudo = self.root.parent / f"{self.root.name}-pseudo.tmx"
        self.run(
            "--mode=console-createpseudotranslatetmx",
            f"--pseudotranslatetmx={pseudo}",
            "--pseudotranslatetype=equal",
        )
        return read_native_tmx(pseudo)


def make_project(folder: Path, source_locale: str, target_locale: str) -> Project:
    """Create an empty project in ``folder`` and a configuration folder beside it."""
    require_omegat()
    for sub in ("source", "target", "tm/auto", "tm/enforce", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(PROJECT.format(source=source_locale, target=target_locale), encoding="utf-8")
    (folder / "omegat" / "filters.xml").write_text(FILTERS, encoding="utf-8")
    config = folder.parent / f"{folder.name}-config"
    config.mkdir(exist_ok=True)
    (config / "omegat.prefs").write_text(PREFS, encoding="utf-8")
    return Project(folder, config, source_locale, target_locale)


def read_native_tmx(path: Path) -> list[str]:
    """Return the source segments of an OmegaT-native TMX, tag shortcuts as text."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    return [tu.findall("tuv")[0].findtext("seg") or "" for tu in root.iter("tu")]


def write_native_tmx(path: Path, translations: dict[str, str], source_locale: str, target_locale: str) -> Path:
    """Write ``{source: target}`` as an OmegaT-native TMX (tag shortcuts escaped as text; no preferences needed)."""
    parts = [NATIVE_TMX_HEADER.format(source=source_locale)]
    for source, target in translations.items():
        parts.append(
            f'    <tu>\n      <tuv lang="{source_locale}"><seg>{escape(source)}</seg></tuv>\n'
            f'      <tuv lang="{target_locale}"><seg>{escape(target)}</seg></tuv>\n    </tu>\n'
        )
    parts.append("  </body>\n</tmx>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path
