// Asks before a destructive form is sent. Without JavaScript, destructive actions go through a confirmation page instead.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
}, true);
