/* sphinxcontrib-linkerdblog: load an embed's player only when the reader asks.
 *
 * Every embed card in "click" mode carries data-linkerdblog-src (the player's
 * URL, written by the extension from a validated id). Until its button
 * ("Load video from youtube-nocookie.com") is pressed (click, Enter or Space)
 * the page makes no request to the provider. The card's link opens the
 * provider's page; without JavaScript that link is all there is.
 */
(function () {
  "use strict";

  var widgetLoaded = false;

  function frame(card, src, title) {
    var iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = title;
    iframe.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    iframe.setAttribute("allowfullscreen", "allowfullscreen");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    if (card.dataset.linkerdblogAspect) {
      var box = document.createElement("div");
      box.className = "linkerdblog-frame";
      box.appendChild(iframe);
      return box;
    }
    return iframe;
  }

  function tweet(card, src) {
    var quote = document.createElement("blockquote");
    quote.className = "twitter-tweet";
    var link = document.createElement("a");
    link.href = card.querySelector("a.linkerdblog-embed-link").href;
    link.textContent = link.href;
    quote.appendChild(link);
    if (!widgetLoaded) {
      var script = document.createElement("script");
      script.src = src;
      script.async = true;
      document.head.appendChild(script);
      widgetLoaded = true;
    } else if (window.twttr && window.twttr.widgets) {
      window.setTimeout(function () { window.twttr.widgets.load(card); }, 0);
    }
    return quote;
  }

  function script(src, title) {
    // A script that writes into its document (gists) runs in its own frame.
    var iframe = document.createElement("iframe");
    iframe.title = title;
    iframe.className = "linkerdblog-script-frame";
    var holder = document.createElement("div");
    var tag = document.createElement("script");
    tag.src = src;
    holder.appendChild(tag);
    iframe.srcdoc = '<base target="_parent">' + holder.innerHTML;
    return iframe;
  }

  function load(card) {
    var src = card.dataset.linkerdblogSrc;
    var title = card.dataset.linkerdblogTitle || "";
    var kind = card.dataset.linkerdblogKind || "iframe";
    var player = kind === "tweet" ? tweet(card, src)
      : kind === "script" ? script(src, title)
      : frame(card, src, title);
    card.classList.add("loaded");
    card.replaceChildren(player);
    delete card.dataset.linkerdblogSrc;
  }

  // The cards' buttons say what they load; they exist for readers with
  // JavaScript only (the link to the provider's page works for everyone).
  function showButtons() {
    var buttons = document.querySelectorAll("[data-linkerdblog-src] button.linkerdblog-embed-load");
    for (var i = 0; i < buttons.length; i++) { buttons[i].hidden = false; }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.linkerdblog-embed-load");
    if (!button) { return; }
    var card = button.closest("[data-linkerdblog-src]");
    if (!card) { return; }
    event.preventDefault();
    load(card);
  });
})();
