"""Old Hugo URLs keep working: redirect pages, and links inside posts rewritten."""

from __future__ import annotations

import pytest
from helpers import warnings_of

from sphinxcontrib_linkerdblog.redirects import redirect_html

pytestmark = pytest.mark.sphinx("html", testroot="permalinks", freshenv=True)


def test_redirect_pages(built) -> None:
    out = built.outdir
    page = (out / "2019/05/18/the-target-moved-kept/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../../../blog/target.html">' in page
    assert '<link rel="canonical" href="https://blog.example.com/blog/target.html">' in page
    assert "<title>Redirecting to The target: &lt;moved&gt; &amp; kept</title>" in page
    assert (out / "old/target/index.html").is_file()
    assert (out / "2019/06/01/custom-slug/index.html").is_file()
    assert (out / "a/two/index.html").is_file()


def test_links_to_hugo_urls_point_to_posts(built) -> None:
    page = (built.outdir / "blog" / "linking.html").read_text(encoding="utf-8")
    html = page.split('<section id="linking">', 1)[1].split("</section>", 1)[0]
    assert html.count('href="target.html') == 3
    assert 'href="target.html#section"' in html
    assert 'href="https://example.org/docs/"' in html


def test_conflicting_claims_name_both_posts(built) -> None:
    assert any(
        "/a/one/ is the permalink or an alias of both blog/claims.md and blog/linking.md" in w
        and "[linkerdblog.alias]" in w
        for w in warnings_of(built)
    ), warnings_of(built)


@pytest.mark.sphinx(
    "html",
    testroot="permalinks",
    srcdir="permalinks-bad",
    freshenv=True,
    confoverrides={"linkerdblog_permalinks": "/:year/:nonsense/"},
)
def test_unknown_token(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert "unknown token(s) :nonsense" in app.warning.getvalue()


def test_redirect_page_escapes_its_target() -> None:
    assert '"\\u003c/script\\u003e"' in redirect_html("</script>", "c", "t")
