// On a stop of a virtual tour, move focus to the stop's heading: after "Next stop" a
// keyboard or screen-reader user starts at the new stop, not at the top of the page.
const heading = document.querySelector("[data-tour-stop-heading]");
if (heading && document.activeElement === document.body) heading.focus();
