// Moves the focus to the error summary of a form that was sent back, so that keyboard
// and screen reader users start from the list of problems. The forms work without it.
document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".yhes-error-summary");
    if (summary) {
        summary.focus();
    }
});
