// Asks before a destructive form is sent (data-confirm on the form, or on the button that sends it).
// Without JavaScript, destructive actions go through a confirmation page instead.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var message = (button && button.getAttribute("data-confirm")) || (form.getAttribute && form.getAttribute("data-confirm"));
  if (message && !window.confirm(message)) event.preventDefault();
}, true);
