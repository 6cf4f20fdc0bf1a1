"""Which files a Hugo post may read: those under the source, static and read folders.

A post's author controls the post and nothing else, yet MyST lets a post
name any file: ``{include}``, ``{literalinclude}``, ``{raw}`` and ``{csv-table}``
with ``:file:`` read it into the page, ``{download}`` (and a Markdown link to a
file) copies it into the published site.  In Hugo documents each of those
paths must resolve, symbolic links followed, inside the source folder, the
``linkerdblog_static_dirs`` or the ``linkerdblog_read_dirs`` folders
(:attr:`.state.BuildState.read_roots`); ``:url:`` options are refused (builds
are offline).  A refused directive shows its own text and a refused download
its link text, each with one located ``linkerdblog.path`` warning; nothing is
read or copied.  Images are checked where they are resolved
(:mod:`.images`).  Other documents (the project's own pages) are the
maintainers' and are left as Sphinx reads them.

The four directives are replaced by subclasses that check first and then run
the original.  ``include`` is special: MyST reads Markdown includes itself when
the directive class derives from docutils' ``Include``, so ours does not, and
hands an allowed call to MyST's reader (or to Sphinx's directive in rST).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from myst_parser.mocking import MockIncludeDirective
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from .state import get_state
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def outside_reason(env: BuildEnvironment, name: str) -> str:
    """Why the current Hugo document may not read file ``name`` (``""``: it may)."""
    if name.startswith("<") and name.endswith(">"):
        return "docutils' standard files are not for posts"
    if "://" in name:
        return "builds are offline"
    _rel, absolute = env.relfn2path(name.strip(), env.docname)
    path = Path(absolute).resolve()
    roots = get_state(env).read_roots or [Path(env.srcdir).resolve()]
    if any(path.is_relative_to(root) for root in roots):
        return ""
    return "it is outside the source folder and the folders posts may read"


def refusal(directive: SphinxDirective, paths: list[str]) -> list[nodes.Node] | None:
    """The call's own text and a warning, when it would read what it may not; else None.

    :param directive: the call (in a Hugo document it is checked, elsewhere not).
    :param paths: the file names it would read.
    """
    env = directive.env
    if not get_state(env).index.is_hugo(env.docname):
        return None
    if "url" in directive.options:
        shown, reason = directive.options["url"], "builds are offline, and a post fetches nothing"
    else:
        refused = [(name, why) for name in paths if (why := outside_reason(env, name))]
        if not refused:
            return None
        shown, reason = refused[0]
    warn(
        f"{directive.name}: {shown!r} is not read: {reason}; its text is shown instead",
        Warn.PATH,
        directive.get_location(),
    )
    return [nodes.literal_block(directive.block_text, directive.block_text, language="text")]


class SafeLiteralInclude(LiteralInclude):
    """``literalinclude``, its file (and ``:diff:`` file) checked in Hugo documents."""

    def run(self) -> list[nodes.Node]:
        diff = [self.options["diff"]] if "diff" in self.options else []
        return refusal(self, [self.arguments[0], *diff]) or super().run()


class SafeRaw(Raw, SphinxDirective):
    """``raw`` with ``:file:`` or ``:url:``, checked in Hugo documents."""

    def run(self) -> Sequence[nodes.Node]:
        files = [self.options["file"]] if "file" in self.options else []
        return refusal(self, files) or super().run()


class SafeCSVTable(CSVTable, SphinxDirective):
    """``csv-table`` with ``:file:`` or ``:url:``, checked in Hugo documents."""

    def run(self) -> Sequence[nodes.Node]:  # type: ignore[override]
        files = [self.options["file"]] if "file" in self.options else []
        return refusal(self, files) or super().run()


class SafeInclude(SphinxDirective):
    """``include``: checked in Hugo documents, then read by MyST (Markdown) or Sphinx (rST).

    Not a subclass of docutils' ``Include``, so that MyST runs this ``run``
    rather than reading the file itself.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        **(Include.option_spec or {}),
        # MyST's own include options
        "relative-images": directives.flag,
        "relative-docs": directives.path,
        "heading-offset": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        refused = refusal(self, [self.arguments[0]])
        if refused is not None:
            return refused
        renderer = getattr(self.state, "_renderer", None)
        if renderer is not None:
            myst = MockIncludeDirective(
                renderer,
                name=self.name,
                klass=Include,
                arguments=self.arguments,
                options=self.options,
                body=list(self.content),
                lineno=self.lineno,
            )
            return list(myst.run())
        known = Include.option_spec or {}
        options = {k: v for k, v in self.options.items() if k in known}
        sphinx = Include(
            self.name,
            self.arguments,
            options,
            self.content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return list(sphinx.run())


class ConfineDownloads(SphinxTransform):
    """``{download}`` and links to files, in Hugo documents: only allowed files are copied.

    Priority 150: before ``doctree-read``, where Sphinx collects the files to copy.
    """

    default_priority = 150

    def apply(self, **kwargs: Any) -> None:
        if not get_state(self.env).index.is_hugo(self.env.docname):
            return
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            if not target or "://" in target:
                continue
            reason = outside_reason(self.env, target)
            if reason:
                warn(
                    f"download {target!r} is not copied: {reason}; its text is shown",
                    Warn.PATH,
                    node,
                )
                node.replace_self(node.children or [nodes.Text(target)])


def setup_file_access(app: Sphinx) -> None:
    """Replace the four reading directives; check downloads."""
    app.add_directive("include", SafeInclude, override=True)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
    app.add_directive("raw", SafeRaw, override=True)
    app.add_directive("csv-table", SafeCSVTable, override=True)
    app.add_transform(ConfineDownloads)
