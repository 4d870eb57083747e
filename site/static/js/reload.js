// The preview's reload script (site serve only; a published site never carries it): asks the
// preview server for the build number and reloads the page when it changes.
(function () {
  var seen = null;
  function poll() {
    fetch('/__onshi/build')
      .then(function (r) { return r.text(); })
      .then(function (b) {
        if (seen !== null && b !== seen) { location.reload(); }
        seen = b;
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
