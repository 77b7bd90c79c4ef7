// Starts the Go portal (portal.wasm). The private-link token stays in the
// URL fragment; Go reads it from location.hash and sends it as a header.
(function () {
  "use strict";
  var el = document.getElementById("boot");
  var url = el.getAttribute("data-wasm");
  function fail(msg) {
    var p = document.getElementById("loading");
    if (p) { p.textContent = msg; p.className = "error"; }
  }
  if (typeof Go === "undefined" || typeof WebAssembly === "undefined") {
    fail("このブラウザでは表示できません / This browser cannot run the portal.");
    return;
  }
  window.pmBoot = performance.now();
  // Ask for the profile while the WebAssembly compiles; Go picks the answer
  // up from window.pmMe instead of fetching again.
  try {
    var m = /(?:^#|&)t=([^&]+)/.exec(location.hash);
    var tok = m ? decodeURIComponent(m[1]) : sessionStorage.getItem("pitchmatch.token");
    var lang = localStorage.getItem("pitchmatch.lang") || "ja";
    if (tok) {
      window.pmMe = fetch("/api/v1/me?lang=" + encodeURIComponent(lang), {
        headers: { "Authorization": "Bearer " + tok, "Accept": "application/json" },
        cache: "no-store", credentials: "omit"
      }).then(function (r) { return r.text().then(function (t) { return { status: r.status, body: t }; }); });
      window.pmMe.catch(function () {});
    }
  } catch (e) { /* storage blocked: Go fetches itself */ }
  var go = new Go();
  var load = WebAssembly.instantiateStreaming
    ? WebAssembly.instantiateStreaming(fetch(url), go.importObject)
    : fetch(url).then(function (r) { return r.arrayBuffer(); })
        .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
  load.then(function (res) { performance.mark("pm:instantiated"); return go.run(res.instance); })
      .catch(function (e) {
        fail("ポータルを読み込めませんでした / Could not load the portal: " + e);
      });
})();
