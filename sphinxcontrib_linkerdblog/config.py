"""Every ``linkerdblog_*`` option, declared once.

Each option is a :class:`Option` with its default, a validator and the help text
that the docs' configuration reference prints.  :func:`setup_config` registers
them in one loop and checks them at ``config-inited``: a bad value gives a
``linkerdblog.config`` warning and the default is used, so a typo in conf.py
never stops a build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal

from .hugo.dates import site_zone
from .hugo.site_config import Goldmark
from .hugo.summary import DEFAULT_LENGTH
from .warnings_ import Warn, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "linkerdblog_"
GOLDMARK_KEYS = tuple(f.name for f in fields(Goldmark) if f.name != "unsafe")
"""The Goldmark settings ``linkerdblog_goldmark`` takes (``unsafe`` is ``raw_html``)."""


@dataclass(frozen=True)
class Option:
    """One configuration value: name (without prefix), default, check and help."""

    name: str
    default: Any
    check: Callable[[Any], bool]
    expected: str
    help: str
    rebuild: Literal["", "env", "html"] = "env"
    example: str = ""
    types: tuple[type, ...] = ()  # the types Sphinx accepts, when not the default's

    @property
    def full_name(self) -> str:
        """The name as written in conf.py."""
        return PREFIX + self.name


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_zone(value: Any) -> bool:
    try:
        site_zone(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str)


def _count(minimum: int) -> Callable[[Any], bool]:
    """A whole number (never a bool) of at least ``minimum``."""
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _in(*choices: str) -> Callable[[Any], bool]:
    return lambda value: value in choices


OPTIONS: tuple[Option, ...] = (
    Option(
        "build_drafts",
        False,
        _is_bool,
        "True or False",
        "Build posts whose front matter says ``draft: true``. Like Hugo's "
        "``--buildDrafts``; off by default, so drafts have no page and are in no "
        "archive or feed.",
        example="linkerdblog_build_drafts = True",
    ),
    Option(
        "build_future",
        False,
        _is_bool,
        "True or False",
        "Build posts whose ``date`` (or ``publishDate``) lies in the future. Like "
        "Hugo's ``--buildFuture``.",
        example="linkerdblog_build_future = True",
    ),
    Option(
        "build_expired",
        False,
        _is_bool,
        "True or False",
        "Build posts whose ``expiryDate`` has passed. Like Hugo's ``--buildExpired``.",
        example="linkerdblog_build_expired = True",
    ),
    Option(
        "timezone",
        "UTC",
        _is_zone,
        "an IANA time zone name such as 'Europe/Oslo'",
        "Hugo's ``timeZone``: the zone of front-matter dates written without an offset "
        "(``2021-05-14 09:30``) or with a zone abbreviation (``PST``, which Go gives no "
        "offset: the clock time is read in this zone, as in Hugo).",
        example='linkerdblog_timezone = "America/Los_Angeles"',
    ),
    Option(
        "hugo_config",
        "",
        lambda value: isinstance(value, str),
        "a path (a string)",
        "The Hugo site's config, relative to the conf dir: a ``hugo.toml``/``.yaml``/"
        "``.json`` (or ``config.*``) file, a site root holding one, or a ``config/`` "
        "folder with ``_default/``. Its ``baseURL``, ``permalinks``, ``params``, "
        "``timeZone``, ``summaryLength``, ``taxonomies``, ``related`` and Goldmark "
        "settings become the defaults of the ``linkerdblog_*`` options they match; a "
        "value set in conf.py wins. See :doc:`hugo-compatibility`.",
        example='linkerdblog_hugo_config = "../hugo.toml"',
    ),
    Option(
        "site_params",
        {},
        lambda value: isinstance(value, dict),
        "a dict",
        "Hugo's site ``params``: what the ``param`` shortcode finds when the page has no "
        "such front-matter param, and ``site.params`` in site shortcode templates. Read "
        "from ``linkerdblog_hugo_config`` unless set.",
        example='linkerdblog_site_params = {"repo": "https://github.com/example/quarry"}',
    ),
    Option(
        "goldmark",
        {},
        lambda value: (
            isinstance(value, dict)
            and all(key in GOLDMARK_KEYS and isinstance(v, bool) for key, v in value.items())
        ),
        "a dict of Goldmark setting -> True or False",
        "Goldmark (Hugo's Markdown) settings for Hugo posts, each on or off: "
        + ", ".join(f"``{key}``" for key in GOLDMARK_KEYS)
        + ". Unset ones keep Hugo's defaults (all on except ``block_attributes``); "
        "read from ``linkerdblog_hugo_config`` unless set. Other documents of "
        "the project keep MyST's own settings.",
        example='linkerdblog_goldmark = {"linkify": False, "block_attributes": True}',
    ),
    Option(
        "embeds",
        "click",
        _in("click", "static", "live"),
        '"click", "static" or "live"',
        'How videos, tweets, gists and Instagram posts appear in HTML. ``"click"``: a '
        "card that loads the provider's player only when the reader clicks it (opening "
        'the page requests nothing from any third party). ``"static"``: the card and '
        'its link only, no script. ``"live"``: the provider\'s player at once, as Hugo '
        "does.",
        rebuild="html",
        example='linkerdblog_embeds = "static"',
    ),
    Option(
        "shortcodes",
        {},
        lambda value: isinstance(value, dict),
        "a dict of name -> Jinja2 template or function",
        "A site's own shortcodes. A string is a Jinja2 template whose output is MyST "
        "Markdown, parsed in place of the shortcode (variables: ``name``, ``args``, "
        "``params``, each named parameter, ``inner``, ``page``, ``site``); a function receives the "
        "call and returns MyST text. An entry overrides a built-in of the same name. See "
        ":doc:`site-shortcodes`.",
        # Functions cannot be pickled: Sphinx's own change check would warn on every
        # build; site_shortcode_changes checks it instead.
        rebuild="",
        example='linkerdblog_shortcodes = {"note": ":::{note}\\n{{ inner }}\\n:::"}',
    ),
    Option(
        "authors",
        None,
        lambda value: value is None or isinstance(value, (str, dict)),
        "a path (JSON, YAML or TOML) or a dict",
        "The authors registry, keyed by the ids posts use in ``author``: each entry has "
        "``name``, ``avatar``, ``bio`` and ``links``; ``email`` is never published. A path "
        "is relative to the conf dir. Gives bylines and ablog's author pages their names.",
        example='linkerdblog_authors = "data/authors.json"',
    ),
    Option(
        "tags_from",
        ["tags"],
        lambda value: (
            isinstance(value, list) and all(v in ("tags", "keywords", "categories") for v in value)
        ),
        'a list of "tags", "keywords", "categories"',
        "The front-matter fields whose values are the post's tags. Tags are merged as "
        "Hugo does: HTML entities unescaped, case ignored, shown in the spelling used most.",
        example='linkerdblog_tags_from = ["tags", "keywords"]',
    ),
    Option(
        "related_posts",
        3,
        _count(0),
        "a number, 0 or more",
        "How many related posts (sharing most tags and keywords, newest first on ties) "
        "end each post; 0 for none.",
        example="linkerdblog_related_posts = 5",
    ),
    Option(
        "related_from",
        ["tags", "keywords"],
        lambda value: (
            isinstance(value, list) and all(v in ("tags", "keywords", "categories") for v in value)
        ),
        'a list of "tags", "keywords", "categories"',
        "The front-matter fields whose shared values make posts related (Hugo's "
        "``related.indices``; read from ``linkerdblog_hugo_config`` unless set).",
        example='linkerdblog_related_from = ["tags"]',
    ),
    Option(
        "permalinks",
        "",
        lambda value: (
            isinstance(value, str)
            or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))
        ),
        "a Hugo permalink pattern, or a dict of section -> pattern",
        "Where the Hugo site published each post, as in Hugo's ``permalinks`` setting: "
        'one pattern, or one per section (``{"blog": "/:year/:slug/"}``), with '
        "every Hugo token (``:year :month :monthname :day :weekday :yearday :slug :title "
        ":filename :contentbasename :slugorfilename :section :sections :sections[1:]``, "
        "Go date layouts such as ``:2006``). A post's ``url`` overrides it; without a "
        "pattern a post's Hugo URL is its path (``/blog/2022/launch/``). A redirect page "
        "is written at every such URL that is not the post's own page, and at every alias.",
        example='linkerdblog_permalinks = "/:year/:month/:day/:slug/"',
        types=(str, dict),
    ),
    Option(
        "base_url",
        "",
        lambda value: isinstance(value, str),
        "the Hugo site's address (a string)",
        "The old Hugo site's address (Hugo's ``baseURL``). Links in posts to a post's "
        "Hugo URL, site-root (``/2019/05/18/slug/``), page-relative (``../slug/``, read "
        "from the post's own Hugo URL) or absolute under this address, become links to "
        "the post's page; links to the site's other pages (``/docs/...``) go to this "
        "address. Without it they keep their site path, with one ``linkerdblog.link`` "
        "warning per path.",
        example='linkerdblog_base_url = "https://linkerd.io/"',
    ),
    Option(
        "static_dirs",
        [],
        lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value),
        "a list of folder paths",
        "Hugo ``static/`` folders, relative to the conf dir: site-root image paths "
        "(``/uploads/x.png``) that are not in the source folder are looked up there. "
        'A folder inside the source folder (``["static"]``) is added to '
        "``exclude_patterns``: its Markdown and HTML files are copied by Hugo, never "
        "pages. Paths leaving the source and static folders are refused.",
        example='linkerdblog_static_dirs = ["static"]',
    ),
    Option(
        "read_dirs",
        [],
        lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value),
        "a list of folder paths",
        "Folders, relative to the conf dir, that posts may also read files from (with "
        "``include``, ``literalinclude``, ``raw``/``csv-table`` ``:file:`` and "
        "``download``). Posts read only inside the source folder and the static folders "
        "otherwise; see :doc:`security`.",
        example='linkerdblog_read_dirs = ["../examples"]',
    ),
    Option(
        "raw_html",
        "sanitize",
        _in("sanitize", "escape", "trust"),
        '"sanitize", "escape" or "trust"',
        'Raw HTML in posts. ``"sanitize"``: kept, except what could run script, load a '
        "third party or break the page (``<script>``, ``<iframe>``, event attributes, "
        '``javascript:`` URLs...), each removal a warning. ``"escape"``: shown as text. '
        '``"trust"``: passed through as written, as Hugo does with '
        "``markup.goldmark.renderer.unsafe = true``; only for sites whose every post "
        "author is trusted.",
        example='linkerdblog_raw_html = "escape"',
    ),
    Option(
        "summary_length",
        DEFAULT_LENGTH,
        _count(0),
        "a whole number, 0 or more (0: no automatic summary, as in Hugo)",
        "Hugo's ``summaryLength``: a post without a ``<!--more-->`` divider or a "
        "``summary`` in its front matter is summarised on listing pages by its first "
        "paragraphs, up to the end of the paragraph in which this many words are "
        "reached. See :ref:`summaries`.",
        example="linkerdblog_summary_length = 40",
    ),
    Option(
        "pager_size",
        10,
        _count(1),
        "a whole number, 1 or more",
        "Hugo's ``pagination.pagerSize``: the posts on each page of a listing (the blog, "
        "each tag, author, category and year page). Page 1 is the listing's own page, the "
        "next ones are at Hugo's URLs, ``blog/page/2/``, with previous/next links.",
        rebuild="html",
        example="linkerdblog_pager_size = 20",
    ),
    Option(
        "rss",
        True,
        _is_bool,
        "True or False",
        "Write RSS 2.0 feeds at the URLs the Hugo site had: ``index.xml`` (every post), "
        "``<section>/index.xml`` (``blog/index.xml``), ``tags/<tag>/index.xml`` and "
        "``categories/<category>/index.xml``, beside ablog's Atom feed. Like ablog's, "
        "they need ``blog_baseurl`` (feed links are absolute). See :ref:`feeds`.",
        rebuild="html",
        example="linkerdblog_rss = False",
    ),
    Option(
        "rss_content",
        "summary",
        lambda value: value in ("summary", "full"),
        '"summary" or "full"',
        "What an RSS item's description holds: the post's summary (Hugo's default "
        "template) or its full text.",
        rebuild="html",
        example='linkerdblog_rss_content = "full"',
    ),
    Option(
        "rss_limit",
        -1,
        _count(-1),
        "a whole number, or -1 for every post",
        "Hugo's ``services.rss.limit``: the number of posts in each RSS feed, newest "
        "first; -1 (Hugo's default) for all of them.",
        rebuild="html",
        example="linkerdblog_rss_limit = 20",
    ),
    Option(
        "youtube_nocookie",
        True,
        _is_bool,
        "True or False",
        "Load YouTube players from youtube-nocookie.com (YouTube's privacy-enhanced "
        "mode) rather than youtube.com.",
        example="linkerdblog_youtube_nocookie = False",
    ),
)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace every invalid ``linkerdblog_*`` value by its default, with a warning."""
    for option in OPTIONS:
        value = getattr(config, option.full_name)
        if not option.check(value):
            # No location: the environment (which maps docnames to files) does
            # not exist yet; the message names conf.py itself.
            warn(
                f"conf.py: {option.full_name} = {value!r} is not valid (expected "
                f"{option.expected}); using the default {option.default!r}",
                Warn.CONFIG,
            )
            setattr(config, option.full_name, option.default)


def setup_config(app: Sphinx) -> None:
    """Declare every option; validation runs early at ``config-inited``."""
    for option in OPTIONS:
        if option.types:
            app.add_config_value(
                option.full_name, option.default, option.rebuild, types=option.types
            )
        else:
            app.add_config_value(option.full_name, option.default, option.rebuild)
    # Priority 300: before ablog's own config-inited handler (500) and ours that
    # scan posts, so they all see valid values.
    app.connect("config-inited", check_config, priority=300)
