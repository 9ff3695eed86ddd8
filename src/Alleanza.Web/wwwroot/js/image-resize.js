// Shrinks a large photo in the browser before upload (longest side 1600 px, JPEG), so phones can send camera pictures.
// The server checks the file again in any case; without JavaScript the original file is sent.
(function () {
  "use strict";
  var input = document.getElementById("Image");
  if (!input || !window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) return;
  var MAX = 1600;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file || !/^image\/(jpeg|png|webp)$/.test(file.type)) return;
    var img = new Image();
    var url = URL.createObjectURL(file);
    img.onload = function () {
      URL.revokeObjectURL(url);
      var scale = Math.min(1, MAX / Math.max(img.width, img.height));
      if (scale === 1 && file.size <= 2 * 1024 * 1024) return;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob) return;
        var resized = new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" });
        var transfer = new DataTransfer();
        transfer.items.add(resized);
        input.files = transfer.files;
      }, "image/jpeg", 0.85);
    };
    img.src = url;
  });
})();
