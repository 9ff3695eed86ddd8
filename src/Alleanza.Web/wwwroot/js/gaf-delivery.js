// The delivery screen of the purchasing groups: Enter in a weight moves to the next weight still to type (skipping the
// lines already filled with what was booked); on the last one it saves, as without JavaScript, where Enter saves from any field.
document.addEventListener("keydown", function (event) {
  var field = event.target;
  if (event.key !== "Enter" || !field.matches || !field.matches("#consegna input[data-weight=true]") || field.value.trim() === "") return;
  var weights = Array.prototype.slice.call(document.querySelectorAll("#consegna input[data-weight=true]"));
  var rest = weights.slice(weights.indexOf(field) + 1).filter(function (w) { return w.value.trim() === ""; });
  if (rest.length > 0) {
    event.preventDefault();
    rest[0].focus();
  }
});
