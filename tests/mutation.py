"""Mutation testing of the safety-critical code: ``make mutation`` (``python -m tests.mutation``).

mutmut plants one small bug at a time (a ``<`` for a ``<=``, a dropped call, another
constant) in the modules of each group of ``[tool.mutmut.groups]`` in ``pyproject.toml``
and runs that group's tests against it; a mutant is *killed* when a test fails. Each
group runs in a copy of the working tree under ``.tmp/mutation/<group>`` (mutmut writes a
``mutants/`` folder next to the code it mutates), with only its own tests, so one group's
slow tests never run for another's modules. A group's ``functions`` table names, for a
large module, the functions and methods to mutate (``"Class.method"`` or ``"function"``);
the copy marks the module's other ones ``# pragma: no mutate block``.

    python -m tests.mutation                 # every group, two workers
    python -m tests.mutation spreadsheets    # one group (the names are in pyproject.toml)
    python -m tests.mutation --workers 1 --list-survivors suppression

Prints killed / survived per module and exits non-zero when a module kills fewer than
``--threshold`` percent (90 by default). Survivors are listed, with the reason each is
harmless or equivalent, in ``tests/mutation-survivors.md``; ``mutmut show <name>`` in the
group's folder prints a mutant's diff.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import os
import shutil
import subprocess
import sys
import time
import tokenize
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".tmp" / "mutation"

#: mutmut's exit codes of a mutant's test run, by outcome (``mutmut.stats``).
KILLED = {1, 3, 36, -24, 24, 152, 255, 37}  # a failure, an error, a timeout
SURVIVED = {0}
NO_TESTS = {5, 33}


def _groups() -> tuple[dict, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    groups = config.pop("groups")
    return config, groups


def _toml_value(value) -> str:
    return json.dumps(value)  # strings, numbers, booleans and lists of them: TOML as well


def _mutmut_section(base: dict, group: dict, folder: Path) -> str:
    settings = dict(base)
    settings["only_mutate"] = group["modules"]
    settings["pytest_add_cli_args_test_selection"] = [
        path for path in group["tests"] if (folder / path).exists()
    ]
    lines = ["[tool.mutmut]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def _project_files() -> list[str]:
    """The files of the working tree a fresh clone would have, plus new untracked ones."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def _definitions(tree: ast.Module):
    """(qualified name, node) of the module's functions and of its classes' methods."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{node.name}.{item.name}", item


def _header_end(lines: list[str], node) -> int:
    """The 0-based line of the colon that ends ``node``'s ``def`` header."""
    source = "".join(lines[node.lineno - 1 : node.body[0].lineno])
    depth = 0
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type == tokenize.OP:
            if token.string in "([{":
                depth += 1
            elif token.string in ")]}":
                depth -= 1
            elif token.string == ":" and depth == 0:
                return node.lineno - 1 + token.start[0] - 1
    raise ValueError(f"no header colon for {node.name} at line {node.lineno}")


def _keep_only(path: Path, functions: list[str]) -> None:
    """Mark every function of ``path`` but ``functions`` with ``# pragma: no mutate block``."""
    text = path.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    found = set()
    for name, node in _definitions(ast.parse(text)):
        if name in functions:
            found.add(name)
            continue
        line = _header_end(lines, node)
        lines[line] = lines[line].rstrip("\n") + "  # pragma: no mutate block\n"
    missing = set(functions) - found
    if missing:
        raise SystemExit(f"{path}: no functions {sorted(missing)} (pyproject [tool.mutmut.groups])")
    path.write_text("".join(lines), "utf-8")


def _prepare(name: str, base: dict, group: dict) -> Path:
    folder = WORK / name
    if folder.exists():
        shutil.rmtree(folder)
    for relative in _project_files():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, target)
    for module, functions in group.get("functions", {}).items():
        _keep_only(folder / module, functions)
    pyproject = (folder / "pyproject.toml").read_text("utf-8")
    # Drop the shared [tool.mutmut] tables; mutmut reads one flat table.
    kept, skipping = [], False
    for line in pyproject.splitlines():
        if line.startswith("["):
            skipping = line.strip("[] ").startswith("tool.mutmut")
        if not skipping:
            kept.append(line)
    text = "\n".join(kept) + "\n\n" + _mutmut_section(base, group, folder)
    (folder / "pyproject.toml").write_text(text, "utf-8")
    return folder


def _results(folder: Path) -> dict[str, Counter]:
    by_module: dict[str, Counter] = {}
    survivors: dict[str, list[str]] = {}
    for meta in sorted((folder / "mutants").rglob("*.py.meta")):
        module = str(meta.relative_to(folder / "mutants"))[: -len(".meta")]
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        counts = by_module.setdefault(module, Counter())
        for mutant, code in codes.items():
            if code in KILLED:
                counts["killed"] += 1
            elif code in SURVIVED or code in NO_TESTS:
                counts["survived"] += 1
                survivors.setdefault(module, []).append(mutant)
            else:  # not checked, skipped, suspicious
                counts["other"] += 1
    return by_module, survivors


def _table(rows: list[tuple[str, str, Counter]]) -> str:
    lines = [
        f"{'group':<14} {'module':<52} {'killed':>6} {'surv.':>6} {'other':>5} {'score':>6}",
    ]
    for group, module, counts in rows:
        tested = counts["killed"] + counts["survived"]
        score = f"{100 * counts['killed'] / tested:.0f}%" if tested else "-"
        lines.append(
            f"{group:<14} {module:<52} {counts['killed']:>6} {counts['survived']:>6} "
            f"{counts['other']:>5} {score:>6}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", help="group names (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="parallel mutants (default 2)")
    parser.add_argument("--threshold", type=float, default=90.0, help="minimum %% killed")
    parser.add_argument("--list-survivors", action="store_true", help="print surviving mutants")
    parser.add_argument(
        "--report-only", action="store_true", help="print the last run's results, run nothing"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue a group's last run in its folder (mutants with a result are kept)",
    )
    args = parser.parse_args(argv)
    base, groups = _groups()
    unknown = set(args.groups) - set(groups)
    if unknown:
        parser.error(f"unknown groups {sorted(unknown)}; known: {sorted(groups)}")
    names = args.groups or list(groups)
    mutmut = Path(sys.executable).with_name("mutmut")
    rows, failing = [], []
    for name in names:
        folder = WORK / name
        if not args.report_only:
            if not (args.resume and (folder / "mutants").exists()):
                folder = _prepare(name, base, groups[name])
            started = time.monotonic()
            print(f"== {name}: mutating {', '.join(groups[name]['modules'])}", flush=True)
            with open(folder / "mutmut.log", "a") as log:
                env = {
                    **os.environ,
                    "PYTHONDONTWRITEBYTECODE": "1",
                    "MUTATION_DB_DIR": str(folder / ".mutation-db"),
                }
                env.pop("DJANGO_SETTINGS_MODULE", None)
                subprocess.run(
                    [str(mutmut), "run", "--max-children", str(args.workers)],
                    cwd=folder,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=env,
                    check=False,
                )
            print(f"   {time.monotonic() - started:.0f} s (log: {folder / 'mutmut.log'})")
        by_module, survivors = _results(folder)
        if not by_module:
            print(f"   no results for {name}: see {folder / 'mutmut.log'}")
            failing.append(name)
        for module, counts in by_module.items():
            rows.append((name, module, counts))
            tested = counts["killed"] + counts["survived"]
            if tested and 100 * counts["killed"] / tested < args.threshold:
                failing.append(module)
            if args.list_survivors:
                for mutant in survivors.get(module, []):
                    print(f"   survived: {mutant}")
    print()
    print(_table(rows))
    total = sum((counts for _group, _module, counts in rows), Counter())
    tested = total["killed"] + total["survived"]
    if tested:
        print(
            f"\nall: {total['killed']} killed, {total['survived']} survived "
            f"({100 * total['killed'] / tested:.0f}%)"
        )
    if failing:
        print(f"below {args.threshold:.0f}%: {', '.join(failing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
