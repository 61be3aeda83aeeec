// Embedded in Shopify admin, the page has no cookie: App Bridge gives a fresh session token on request,
// which htmx sends as Authorization (Shopify session tokens live one minute) and links carry as id_token.
(function () {
  if (!window.shopify || !window.shopify.idToken) { return; }
  function refresh() {
    return window.shopify.idToken().then(function (token) {
      document.body.setAttribute('hx-headers', JSON.stringify({ Authorization: 'Bearer ' + token }));
      return token;
    });
  }
  setInterval(refresh, 30000);
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href^="/ui/"]');
    if (!link) { return; }
    event.preventDefault();
    refresh().then(function (token) {
      var url = new URL(link.getAttribute('href'), window.location.origin);
      url.searchParams.set('id_token', token);
      window.location.assign(url.toString());
    });
  });
}());
