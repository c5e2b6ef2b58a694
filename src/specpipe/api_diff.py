"""``specpipe api-diff``: what changed for Python callers between two versions of the generated package.

The spec diff says what changed on the wire; this says what breaks in callers' code (a renamed model, a
parameter that became required, an attribute typed ``str`` that is now ``list[str]``). griffe loads
both trees statically (nothing is imported or run) and finds the breakages it knows: removed objects,
removed, moved or re-kinded parameters, parameters that became or were added as required, removed
return annotations and base classes. griffe does not compare annotations (a TODO in its source) or
report additions, so a short walk over the same griffe trees adds those: hand-written only for that.

Annotation changes are levelled by variance, on the members of a union (``X | None``, ``Optional``,
``Union``, ``Literal[...]`` values): a parameter may accept more (info), a return may promise less
(info); a model attribute is read like a return (a wider type breaks readers, as a response property
becoming nullable does on the wire) and is narrowed only at a cost to callers who construct the model
(a warning); an unrelated type is breaking everywhere. The report is the spec diff's
``DiffReport``: ``operation`` holds the object path, the pointers hold ``file:line`` in each tree.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import griffe

from specpipe.diff import Change, DiffReport, Rule
from specpipe.diff.rule import ERR, INFO, OURS, WARN
from specpipe.errors import DiffError

# Object kinds as they appear in ids; an alias whose target is outside the package has no known kind.
_KINDS: Final = {
    griffe.Kind.MODULE: "module",
    griffe.Kind.CLASS: "class",
    griffe.Kind.FUNCTION: "function",
    griffe.Kind.ATTRIBUTE: "attribute",
    griffe.Kind.TYPE_ALIAS: "type-alias",
}
_OBJECT = "object"


def _kind_rules(kind: str) -> tuple[Rule, Rule]:
    words = kind.replace("-", " ")
    return (
        Rule(f"python-{kind}-removed", ERR, f"{words} `{{name}}` removed", OURS),
        Rule(f"python-{kind}-added", INFO, f"{words} `{{name}}` added", OURS),
    )


RULES: Final[Mapping[str, Rule]] = {rule.id: rule for rule in (
    *(rule for kind in (*_KINDS.values(), _OBJECT) for rule in _kind_rules(kind)),
    Rule("python-package-renamed", ERR, "package `{old}` renamed to `{new}`", OURS),
    Rule("python-object-kind-changed", ERR, "`{name}`: kind changed from {old} to {new}", OURS),
    Rule("python-base-class-removed", ERR, "base classes changed from {old} to {new}", OURS),
    Rule("python-parameter-removed", ERR, "parameter `{name}` removed", OURS),
    Rule("python-new-required-parameter", ERR, "new required parameter `{name}`", OURS),
    Rule("python-new-optional-parameter", INFO, "new optional parameter `{name}`", OURS),
    Rule("python-parameter-became-required", ERR, "parameter `{name}` became required", OURS),
    Rule("python-parameter-moved", ERR, "positional parameter `{name}` moved ({details})", OURS),
    Rule("python-parameter-kind-changed", ERR, "parameter `{name}` changed from {old} to {new}", OURS),
    Rule("python-parameter-default-changed", WARN, "parameter `{name}`: default changed from `{old}` to `{new}`", OURS),
    Rule("python-parameter-type-generalized", INFO, "parameter `{name}`: type widened from `{old}` to `{new}`", OURS),
    Rule("python-parameter-type-changed", ERR, "parameter `{name}`: type changed from `{old}` to `{new}`", OURS),
    Rule("python-return-annotation-removed", WARN, "return annotation `{old}` removed", OURS),
    Rule("python-return-type-narrowed", INFO, "return type narrowed from `{old}` to `{new}`", OURS),
    Rule("python-return-type-changed", ERR, "return type changed from `{old}` to `{new}`", OURS),
    Rule("python-attribute-type-widened", ERR, "type widened from `{old}` to `{new}`", OURS),
    Rule("python-attribute-type-narrowed", WARN, "type narrowed from `{old}` to `{new}`", OURS),
    Rule("python-attribute-type-changed", ERR, "type changed from `{old}` to `{new}`", OURS),
    Rule("python-new-required-attribute", WARN, "new attribute `{name}` without a default (a required constructor argument of a model)", OURS),
    # A breakage kind a later griffe adds, reported with griffe's own words until it gets a row.
    Rule("python-api-changed", ERR, "{detail}", OURS),
)}  # fmt: skip

Member = griffe.Object | griffe.Alias


def locate_package(folder: Path) -> tuple[Path, str]:
    """(search path, package name): ``folder`` is the package itself or the project folder holding it."""
    if not folder.is_dir():
        raise DiffError(f"{folder}: api-diff: not a directory")
    if (folder / "__init__.py").is_file():
        return folder.parent, folder.name
    packages = sorted(
        child.name for child in folder.iterdir() if child.name.isidentifier() and (child / "__init__.py").is_file()
    )
    if len(packages) != 1:
        found = ", ".join(packages) or "none"
        raise DiffError(
            f"{folder}: api-diff: expected a Python package or a folder holding exactly one (found: {found})"
        )
    return folder, packages[0]


def _syntax_check(package: Path) -> None:
    """griffe skips a module it cannot parse; that would read as "module removed", so refuse instead."""
    for path in sorted(package.rglob("*.py")):
        try:
            ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError) as exc:
            raise DiffError(f"{path}: api-diff: cannot parse the module: {exc}") from exc


def load_package(folder: Path) -> griffe.Module:
    """The package's API as griffe sees it from the sources alone (no import, no code run)."""
    search_path, name = locate_package(folder)
    _syntax_check(search_path / name)
    try:
        loaded = griffe.load(
            name,
            search_paths=[search_path],
            try_relative_path=False,
            allow_inspection=False,
            resolve_aliases=True,
            resolve_external=False,
            modules_collection=griffe.ModulesCollection(),
            lines_collection=griffe.LinesCollection(),
        )
    except (ImportError, OSError, griffe.GriffeError) as exc:
        raise DiffError(f"{search_path / name}: api-diff: griffe cannot load the package: {exc}") from exc
    if not isinstance(loaded, griffe.Module):
        raise DiffError(f"{search_path / name}: api-diff: not a package")
    return loaded


def _where(obj: Member | None) -> str | None:
    """``file:line`` of an object, relative to the package's parent; an alias sits where it is imported."""
    if obj is None:
        return None
    if isinstance(obj, griffe.Alias):
        if obj.parent is None:
            return None
        file, line = obj.parent.relative_package_filepath.as_posix(), obj.alias_lineno
    else:
        file, line = obj.relative_package_filepath.as_posix(), obj.lineno
    return f"{file}:{line}" if line else file


def _kind(obj: Member) -> str:
    try:
        return _KINDS.get(obj.kind, _OBJECT)
    except griffe.AliasResolutionError:
        return _OBJECT


class _Trees:
    """Both versions, and how a change found at an object path becomes a ``Change``."""

    def __init__(self, old: griffe.Module, new: griffe.Module) -> None:
        self.old, self.new = old, new

    @staticmethod
    def _find(root: griffe.Module, relative: str) -> Member | None:
        if not relative:
            return root
        try:
            member: Member = root[relative]
        except (KeyError, griffe.AliasResolutionError):
            return None
        return member

    def change(self, rule_id: str, path: str, **args: str) -> Change:
        """``path`` is an object path in either version; it is matched below the package name, so the
        two versions line up even when the package was renamed, and reported under the new name."""
        rule = RULES[rule_id]
        relative = path.partition(".")[2]
        return Change(
            id=rule.id,
            level=rule.level,
            operation=f"{self.new.path}.{relative}" if relative else self.new.path,
            old_pointer=_where(self._find(self.old, relative)),
            new_pointer=_where(self._find(self.new, relative)),
            message=rule.message.format_map(args),
        )


def _breakage(trees: _Trees, breakage: griffe.Breakage) -> Change:
    """griffe's finding in the report's vocabulary; a kind griffe adds later still gets reported."""
    kind = breakage.kind
    obj = breakage.obj
    path = obj.path
    old, new = breakage.old_value, breakage.new_value
    if kind is griffe.BreakageKind.OBJECT_REMOVED:
        return trees.change(f"python-{_kind(obj)}-removed", path, name=obj.name)
    if kind is griffe.BreakageKind.OBJECT_CHANGED_KIND:
        return trees.change("python-object-kind-changed", path, name=obj.name, old=old.value, new=new.value)
    if kind is griffe.BreakageKind.CLASS_REMOVED_BASE:
        bases = ("[" + ", ".join(str(base) for base in value) + "]" for value in (old, new))
        return trees.change("python-base-class-removed", path, old=next(bases), new=next(bases))
    if kind is griffe.BreakageKind.RETURN_CHANGED_TYPE:
        return trees.change("python-return-annotation-removed", path, old=str(old))
    parameter_rules = {
        griffe.BreakageKind.PARAMETER_REMOVED: "python-parameter-removed",
        griffe.BreakageKind.PARAMETER_ADDED_REQUIRED: "python-new-required-parameter",
        griffe.BreakageKind.PARAMETER_CHANGED_REQUIRED: "python-parameter-became-required",
        griffe.BreakageKind.PARAMETER_MOVED: "python-parameter-moved",
        griffe.BreakageKind.PARAMETER_CHANGED_KIND: "python-parameter-kind-changed",
        griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT: "python-parameter-default-changed",
    }
    rule = parameter_rules.get(kind)
    if rule is None:
        return trees.change("python-api-changed", path, detail=f"{kind.value} (griffe)")
    parameter = old if old is not None else new
    return trees.change(
        rule,
        path,
        name=parameter.name,
        details=breakage.details,
        old=_parameter_facet(kind, old),
        new=_parameter_facet(kind, new),
    )


def _parameter_facet(kind: griffe.BreakageKind, parameter: griffe.Parameter | None) -> str:
    """The part of a parameter a message quotes: its kind or its default."""
    if parameter is None:
        return ""
    if kind is griffe.BreakageKind.PARAMETER_CHANGED_KIND:
        return parameter.kind.value if parameter.kind else ""
    return str(parameter.default)


def _union(annotation: str | griffe.Expr) -> frozenset[str]:
    """The members of a type: ``A | B``, ``Optional[A]``, ``Union[A, B]`` and each ``Literal`` value."""
    if isinstance(annotation, griffe.ExprBinOp) and annotation.operator == "|":
        return _union(annotation.left) | _union(annotation.right)
    if isinstance(annotation, griffe.ExprSubscript):
        head = str(annotation.left).rpartition(".")[2]
        arguments = annotation.slice.elements if isinstance(annotation.slice, griffe.ExprTuple) else [annotation.slice]
        if head == "Optional":
            return _union(arguments[0]) | {"None"}
        if head == "Union":
            return frozenset().union(*map(_union, arguments))
        if head == "Literal":
            return frozenset(f"Literal[{argument}]" for argument in arguments)
    return frozenset({str(annotation)})


def _relation(old: str | griffe.Expr, new: str | griffe.Expr) -> str | None:
    """``None`` (same type), ``"wider"``, ``"narrower"`` or ``"other"``."""
    before, after = _union(old), _union(new)
    if before == after:
        return None
    if before < after:
        return "wider"
    if after < before:
        return "narrower"
    return "other"


# (position, relation) → rule; parameters are contravariant, returns covariant. An attribute is read by
# every caller (widening breaks them) and written only by those constructing a model (narrowing may).
_TYPE_RULES: Final = {
    ("parameter", "wider"): "python-parameter-type-generalized",
    ("parameter", "narrower"): "python-parameter-type-changed",
    ("parameter", "other"): "python-parameter-type-changed",
    ("return", "wider"): "python-return-type-changed",
    ("return", "narrower"): "python-return-type-narrowed",
    ("return", "other"): "python-return-type-changed",
    ("attribute", "wider"): "python-attribute-type-widened",
    ("attribute", "narrower"): "python-attribute-type-narrowed",
    ("attribute", "other"): "python-attribute-type-changed",
}


def _type_change(
    trees: _Trees,
    position: str,
    path: str,
    *,
    old: str | griffe.Expr | None,
    new: str | griffe.Expr | None,
    name: str = "",
) -> Iterator[Change]:
    # An annotation appearing or vanishing is left out: generated code annotates everything, and griffe
    # reports a vanished return annotation itself.
    if old is None or new is None:
        return
    relation = _relation(old, new)
    if relation is not None:
        yield trees.change(_TYPE_RULES[position, relation], path, name=name, old=str(old), new=str(new))


def _signature_changes(trees: _Trees, path: str, old: griffe.Function, new: griffe.Function) -> Iterator[Change]:
    before = {parameter.name: parameter for parameter in old.parameters}
    for parameter in new.parameters:
        previous = before.get(parameter.name)
        if previous is None:
            if not parameter.required:
                yield trees.change("python-new-optional-parameter", path, name=parameter.name)
            continue
        yield from _type_change(
            trees, "parameter", path, old=previous.annotation, new=parameter.annotation, name=parameter.name
        )
    yield from _type_change(trees, "return", path, old=old.returns, new=new.returns)


def _added(trees: _Trees, path: str, obj: Member, in_class: bool) -> Change:
    kind = _kind(obj)
    if in_class and isinstance(obj, griffe.Attribute) and obj.value is None and obj.annotation is not None:
        return trees.change("python-new-required-attribute", path, name=obj.name)
    return trees.change(f"python-{kind}-added", path, name=obj.name)


def _walk(trees: _Trees, old: griffe.Object, new: griffe.Object) -> Iterator[Change]:
    """Additions and annotation changes, at each object's definition (re-exports are not descended)."""
    for name, member in new.members.items():
        if not member.is_public:
            continue
        path = member.path
        previous = old.members.get(name)
        if previous is None:
            yield _added(trees, path, member, new.is_class)
            continue
        if isinstance(member, griffe.Alias) or isinstance(previous, griffe.Alias) or member.kind != previous.kind:
            continue
        if isinstance(member, griffe.Function) and isinstance(previous, griffe.Function):
            yield from _signature_changes(trees, path, previous, member)
        elif isinstance(member, griffe.Attribute) and isinstance(previous, griffe.Attribute):
            yield from _type_change(trees, "attribute", path, old=previous.annotation, new=member.annotation)
        elif isinstance(member, griffe.Module | griffe.Class) and isinstance(previous, griffe.Module | griffe.Class):
            yield from _walk(trees, previous, member)


def compare_packages(old: griffe.Module, new: griffe.Module) -> DiffReport:
    """Every change to the public API from ``old`` to ``new``, in a stable order."""
    trees = _Trees(old, new)
    changes = [_breakage(trees, breakage) for breakage in griffe.find_breaking_changes(old, new)]
    if old.name != new.name:
        changes.append(trees.change("python-package-renamed", new.path, old=old.name, new=new.name))
    changes += _walk(trees, old, new)
    return DiffReport(tuple(sorted(changes, key=lambda change: (change.operation or "", change.id, change.message))))


def api_diff(old: Path, new: Path) -> DiffReport:
    """``specpipe api-diff OLD_DIR NEW_DIR``: each a package folder or the project folder holding it."""
    return compare_packages(load_package(old), load_package(new))
