"""Site-root paths resolve in the static folders; nothing outside them is read."""

from __future__ import annotations

import shutil

from helpers import warnings_of


def test_static_dirs_and_refused_paths(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(rootdir / "test-static", tmp_path / "root")
    app = make_app("html", srcdir=tmp_path / "root" / "docs", freshenv=True)
    app.build()
    images = {p.name for p in (app.outdir / "_images").iterdir()}
    assert images == {"a.png", "b.png"}  # outside.png is never copied
    page = (app.outdir / "blog" / "p.html").read_text(encoding="utf-8")
    assert '<img alt="static" src="../_images/a.png" />' in page
    assert '<img alt="bundle" src="../_images/b.png" />' in page
    assert '<span class="linkerdblog-refused">escape</span>' in page
    warnings = warnings_of(app)
    for line, path in ((11, "../../outside.png"), (13, "/../../outside.png")):
        assert any(
            f"p.md:{line}:" in w and repr(path) in w and "[linkerdblog.path]" in w for w in warnings
        ), warnings


def test_missing_image_warned_once_and_not_a_dependency(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(rootdir / "test-static", tmp_path / "root")
    src = tmp_path / "root" / "docs"
    theme = {"html_theme": "basic"}
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=theme)
    app.build()
    missing = [w for w in warnings_of(app) if "gone.png" in w]
    assert len(missing) == 1 and "p.md:15:" in missing[0] and "[linkerdblog.image]" in missing[0]
    page = (app.outdir / "blog" / "p.html").read_text(encoding="utf-8")
    assert '<img src="/uploads/gone.png" alt="gone" />' in page
    again = make_app("html", srcdir=src, confoverrides=theme)
    again.build()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    assert "gone.png" not in again.warning.getvalue()


def test_missing_or_remote_avatar_and_thumbnail_are_warned(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(rootdir / "test-static", tmp_path / "root")
    blog = tmp_path / "root" / "docs" / "blog"
    for name, thumbnail in (("q", "/uploads/nothere.png"), ("r", "https://cdn.example/r.png")):
        (blog / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndate: 2024-01-0{len(name)}\nauthor: jo\n"
            f"thumbnail: {thumbnail}\n---\n\nBody.\n",
            encoding="utf-8",
        )
    registry = tmp_path / "root" / "docs" / "authors.yaml"
    registry.write_text("jo:\n  name: Jo\n  avatar: /uploads/jo.png\n", encoding="utf-8")
    conf = {"linkerdblog_authors": "authors.yaml"}
    app = make_app("html", srcdir=tmp_path / "root" / "docs", freshenv=True, confoverrides=conf)
    app.build()
    avatar = [w for w in warnings_of(app) if "the avatar of" in w]
    assert len(avatar) == 1, avatar  # the registry's: said once, not per post
    assert ":4:" in avatar[0] and "the avatar of 'jo' '/uploads/jo.png' is in neither" in avatar[0]
    ours = [w for w in warnings_of(app) if "thumbnail" in w]
    assert any(
        "q.md:5:" in w
        and "the thumbnail '/uploads/nothere.png' is in neither the source folder nor the "
        "static folders; listing pages show no thumbnail [linkerdblog.image]"
        in w
        for w in ours
    ), ours
    assert any(
        "r.md:5:" in w and "'https://cdn.example/r.png' is a remote file, never loaded" in w
        for w in ours
    ), ours


def test_static_dir_inside_the_source_folder(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``linkerdblog_static_dirs = ["static"]``, the folder inside the sources: its
    files are found at their site-root paths and copied; its Markdown and HTML are
    no documents; paths leaving it are still refused."""
    shutil.copytree(rootdir / "test-static", tmp_path / "root")
    src = tmp_path / "root" / "docs"
    shutil.move(tmp_path / "root" / "site" / "static", src / "static")
    (src / "static" / "README.md").write_text("# Not a page\n", encoding="utf-8")
    (src / "static" / "uploads" / "page.html").write_text("<p>copied as is</p>\n", "utf-8")
    conf = {"linkerdblog_static_dirs": ["static"], "html_theme": "basic"}
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=conf)
    app.build()
    assert {p.name for p in (app.outdir / "_images").iterdir()} == {"a.png", "b.png"}
    page = (app.outdir / "blog" / "p.html").read_text(encoding="utf-8")
    assert '<img alt="static" src="../_images/a.png" />' in page
    assert '<span class="linkerdblog-refused">escape</span>' in page
    assert "static/README" not in app.env.found_docs
    assert not (app.outdir / "static").exists()
    warnings = warnings_of(app)
    expected = ((11, "../../outside.png"), (13, "/../../outside.png"), (15, "/uploads/gone.png"))
    assert len(warnings) == len(expected), warnings  # nothing about a.png or the README
    for line, path in expected:
        assert any(f"p.md:{line}:" in w and repr(path) in w for w in warnings), warnings


def test_every_image_keeps_its_line(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Sphinx sets each image's line to 0 (its source workaround), so its own
    warnings about an image (``image.not_readable``, an image a builder cannot
    use...) would say ``p.md::``; each image gets its line back."""
    shutil.copytree(rootdir / "test-static", tmp_path / "root")
    src = tmp_path / "root" / "docs"
    post = src / "blog" / "p.md"
    post.write_text(
        post.read_text(encoding="utf-8")
        + '\n{{< figure src="b.png" caption="A figure" >}}\n\n'
        + '{{< figure src="https://example.com/remote.png" >}}\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"html_theme": "basic"})
    app.build()
    from docutils import nodes

    images = list(app.env.get_doctree("blog/p").findall(nodes.image))
    lines = sorted(image.line for image in images)
    assert lines == [7, 9, 17, 19], lines
