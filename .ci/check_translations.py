#!/usr/bin/env python3
"""Check that Relais's Qt Linguist translations are up to date, complete and compilable.

For every ``resources/i18n/*.ts`` file:

1. ``pyside6-lupdate`` is run over the sources (every ``.py`` under ``ui/``, plus ``main.py``)
   into a temporary copy of the file.  Any message it finds in the sources that the committed
   file lacks means the committed file is stale: FAIL.
2. Every file except the English one must be fully translated: no ``type="unfinished"``
   translation, no empty ``<translation>``, every plural (numerus) form present and filled.
   The English one only needs its plural forms ("%n conversation(s)" → "1 conversation",
   "2 conversations"): Qt shows the source text of the rest.
   Messages lupdate marked ``vanished``/``obsolete`` (no longer in the sources) are ignored.
3. ``pyside6-lrelease`` must compile the file (into a temporary directory).

No ``.ts`` file at all, or no French one, is a failure: Relais ships French.

To refresh the committed files from the sources with exactly the same inputs this check uses:
    python .ci/check_translations.py --update
then translate the new entries (``pyside6-linguist resources/i18n/relais_fr.ts``) and commit.

Exit status: 0 when every file is OK, 1 otherwise, 2 when the tools cannot be run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

I18N_DIR = Path("resources") / "i18n"
SOURCE_DIRS = ("ui",)
SOURCE_FILES = ("main.py",)
# Languages whose .ts may stay untranslated: English is the source language.
SOURCE_LANGUAGES = ("en",)
REQUIRED_LANGUAGES = ("fr",)
INACTIVE_TYPES = frozenset({"vanished", "obsolete"})
TOOL_TIMEOUT_S = 300

Key = tuple[str, str, str]  # (context, source, disambiguation comment)


@dataclass
class Message:
    key: Key
    numerus: bool
    active: bool
    finished: bool
    numerus_forms: int
    problem: str = ""


@dataclass
class Report:
    path: Path
    language: str = ""
    messages: int = 0
    unfinished: list[Message] = field(default_factory=list)
    missing: list[Key] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unfinished or self.missing or self.errors)


def find_tool(name: str) -> str | None:
    """The PySide6 tool next to this interpreter (the venv's), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (shutil.which(name, path=str(here)), shutil.which(name)):
        if candidate:
            return candidate
    return None


def source_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for d in SOURCE_DIRS:
        base = root / d
        if base.is_dir():
            files.extend(p for p in base.rglob("*.py") if "__pycache__" not in p.parts)
    for f in SOURCE_FILES:
        if (root / f).is_file():
            files.append(root / f)
    return sorted(files)


def _text(elem: ET.Element | None) -> str:
    return "".join(elem.itertext()) if elem is not None else ""


def parse_ts(path: Path) -> tuple[str, list[Message]]:
    """Return (language, messages) of a .ts file; raises ET.ParseError on bad XML."""
    root = ET.parse(path).getroot()
    if root.tag != "TS":
        raise ET.ParseError(f"root element is <{root.tag}>, not <TS>")
    language = root.get("language", "")
    messages: list[Message] = []
    for ctx in root.iter("context"):
        ctx_name = (ctx.findtext("name") or "").strip()
        for msg in ctx.findall("message"):
            key = (ctx_name, _text(msg.find("source")), _text(msg.find("comment")))
            numerus = msg.get("numerus") == "yes"
            tr = msg.find("translation")
            tr_type = tr.get("type", "") if tr is not None else ""
            active = tr_type not in INACTIVE_TYPES
            problem = ""
            forms = 0
            if tr is None:
                problem = "no <translation>"
            elif tr_type == "unfinished":
                problem = "unfinished"
            elif numerus:
                nforms = tr.findall("numerusform")
                forms = len(nforms)
                if not nforms:
                    problem = "no plural forms"
                elif any(not _text(f).strip() for f in nforms):
                    problem = "empty plural form"
            else:
                variants = tr.findall("lengthvariant")
                value = " ".join(_text(v) for v in variants) if variants else _text(tr)
                if not value.strip():
                    problem = "empty translation"
            if numerus and tr is not None and not forms:
                forms = len(tr.findall("numerusform"))
            messages.append(Message(key, numerus, active, not problem, forms, problem))
    return language, messages


def run_tool(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )


def lang_of(path: Path, language: str) -> str:
    """Primary language code ('fr') from the TS attribute, else from the file name."""
    if language:
        return language.replace("-", "_").split("_")[0].lower()
    stem = path.stem
    return stem.rsplit("_", 1)[-1].lower() if "_" in stem else ""


def check_file(
    ts: Path, sources: list[Path], lupdate: str, lrelease: str, tmp: Path
) -> Report:
    rep = Report(ts)
    try:
        language, committed = parse_ts(ts)
    except (ET.ParseError, OSError) as exc:
        rep.errors.append(f"cannot parse: {exc}")
        return rep
    rep.language = language
    lang = lang_of(ts, language)
    active = [m for m in committed if m.active]
    rep.messages = len(active)
    obsolete = len(committed) - len(active)
    if obsolete:
        rep.notes.append(f"{obsolete} obsolete/vanished entr{'y' if obsolete == 1 else 'ies'} ignored")
    if not language:
        rep.errors.append('no language="..." attribute on <TS> (plural rules need it)')

    # 1. Stale? lupdate the sources into a temporary copy (same name, so lupdate infers the same
    #    language) and look for active messages the committed file does not have.
    fresh_dir = tmp / "lupdate" / ts.stem
    fresh_dir.mkdir(parents=True)
    fresh = fresh_dir / ts.name
    shutil.copyfile(ts, fresh)
    proc = run_tool([lupdate, *map(str, sources), "-ts", str(fresh)])
    if proc.returncode != 0:
        rep.errors.append(
            f"pyside6-lupdate failed (exit {proc.returncode}): "
            + (proc.stderr or proc.stdout).strip()[-1500:]
        )
        fresh_msgs: list[Message] = []
    else:
        try:
            _, fresh_msgs = parse_ts(fresh)
        except ET.ParseError as exc:
            rep.errors.append(f"cannot parse pyside6-lupdate output: {exc}")
            fresh_msgs = []
    committed_active = {m.key: m for m in active}
    for m in fresh_msgs:
        if not m.active:
            continue
        old = committed_active.get(m.key)
        if old is None:
            rep.missing.append(m.key)
        elif m.numerus and old.numerus and m.numerus_forms > old.numerus_forms:
            if lang not in SOURCE_LANGUAGES:
                old.finished = False
                old.problem = (
                    f"{old.numerus_forms} plural form(s), {language or lang} needs {m.numerus_forms}"
                )
    fresh_active = {m.key for m in fresh_msgs if m.active}
    gone = [k for k in committed_active if k not in fresh_active]
    if gone and fresh_msgs:
        rep.notes.append(
            f"{len(gone)} entr{'y' if len(gone) == 1 else 'ies'} no longer in the sources "
            "(harmless; --update marks them vanished)"
        )

    # 2. Complete? (not required of the source language)
    unfinished = [m for m in active if not m.finished]
    if lang in SOURCE_LANGUAGES:
        # plain text may stay as written; plurals need their forms ("1 file" / "2 files")
        rep.unfinished = [m for m in unfinished if m.numerus]
        plain = len(unfinished) - len(rep.unfinished)
        if plain:
            rep.notes.append(f"{plain} untranslated (allowed: source language)")
    else:
        rep.unfinished = unfinished

    # 3. Compiles?
    qm = tmp / "lrelease" / (ts.stem + ".qm")
    qm.parent.mkdir(parents=True, exist_ok=True)
    proc = run_tool([lrelease, str(ts), "-qm", str(qm)])
    out = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or not qm.is_file():
        rep.errors.append(f"pyside6-lrelease failed (exit {proc.returncode}): {out[-1500:]}")
    elif "error" in out.lower():
        rep.errors.append(f"pyside6-lrelease reported: {out[-1500:]}")
    return rep


def fmt_key(key: Key) -> str:
    ctx, src, comment = key
    return f"[{ctx}] {src!r}" + (f" ({comment})" if comment else "")


def print_report(rep: Report, root: Path) -> None:
    rel = rep.path.relative_to(root) if rep.path.is_relative_to(root) else rep.path
    status = "OK" if rep.ok else "FAIL"
    print(
        f"{status:4}  {rel} [{rep.language or '?'}]: {rep.messages} message(s), "
        f"{len(rep.unfinished)} unfinished, {len(rep.missing)} missing from the file"
    )
    for key in rep.missing:
        print(f"      missing (file is stale): {fmt_key(key)}")
    for m in rep.unfinished:
        print(f"      unfinished: {fmt_key(m.key)}: {m.problem}")
    for err in rep.errors:
        print(f"      error: {err}")
    for note in rep.notes:
        print(f"      note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="project root (default: the repository holding this script)",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="run pyside6-lupdate on the committed .ts files in place (then translate and commit)",
    )
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    lupdate, lrelease = find_tool("pyside6-lupdate"), find_tool("pyside6-lrelease")
    if not lupdate or not lrelease:
        print(
            "FAIL: pyside6-lupdate / pyside6-lrelease not found (pip install PySide6-Essentials)",
            file=sys.stderr,
        )
        return 2
    sources = source_files(root)
    i18n = root / I18N_DIR
    ts_files = sorted(i18n.glob("*.ts")) if i18n.is_dir() else []

    if args.update:
        if not sources:
            print("no Python source under ui/ nor main.py", file=sys.stderr)
            return 1
        if not ts_files:  # first run: create the French file (lupdate infers fr from the name)
            i18n.mkdir(parents=True, exist_ok=True)
            ts_files = [i18n / f"relais_{lang}.ts" for lang in REQUIRED_LANGUAGES]
        for ts in ts_files:
            rel = [str(p.relative_to(root)) for p in sources]
            proc = run_tool([lupdate, *rel, "-ts", str(ts.relative_to(root))], cwd=root)
            print((proc.stdout + proc.stderr).strip())
            if proc.returncode != 0:
                return 1
        return 0

    print(f"translations: {len(sources)} source file(s) under {', '.join(SOURCE_DIRS)}/ "
          f"and {', '.join(SOURCE_FILES)}; .ts files in {i18n}")
    if not ts_files:
        print(
            f"FAIL: no .ts file in {i18n}. Relais ships French: create "
            f"{I18N_DIR / 'relais_fr.ts'} with\n"
            "  python .ci/check_translations.py --update\n"
            "then translate it (pyside6-linguist) and commit it."
        )
        return 1
    if not sources:
        print("FAIL: no Python source found under ui/ nor main.py: nothing to check against")
        return 1

    failed = False
    with tempfile.TemporaryDirectory(prefix="relais-i18n-") as tmpdir:
        reports = []
        for ts in ts_files:
            try:
                reports.append(check_file(ts, sources, lupdate, lrelease, Path(tmpdir)))
            except subprocess.TimeoutExpired as exc:
                rep = Report(ts)
                rep.errors.append(f"timed out: {exc.cmd}")
                reports.append(rep)
    for rep in reports:
        print_report(rep, root)
        failed |= not rep.ok
    langs = {lang_of(r.path, r.language) for r in reports}
    for needed in REQUIRED_LANGUAGES:
        if needed not in langs:
            print(f"FAIL: no '{needed}' translation file in {i18n} (Relais ships it)")
            failed = True
    print(f"translations: {'FAIL' if failed else 'OK'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
