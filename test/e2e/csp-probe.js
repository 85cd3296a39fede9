// Loaded into the kiosk page by the CSP test, as a script from the page's own origin. Each attempt
// must be refused by the Content-Security-Policy; the outcome is written on a DOM element.
(async () => {
  const out = document.createElement('div');
  out.id = 'csp-probe';
  document.body.appendChild(out);
  const attempt = (fn) => {
    try {
      fn();
      return 'ran';
    } catch (error) {
      return error.name;
    }
  };
  out.dataset.eval = attempt(() => (0, eval)('1 + 1'));
  out.dataset.function = attempt(() => new Function('return 1')());
  try {
    await fetch('http://127.0.0.1:9/remote.json');
    out.dataset.remoteFetch = 'fetched';
  } catch (error) {
    out.dataset.remoteFetch = error.name;
  }
  window.__inlineRan = false;
  const inline = document.createElement('script');
  inline.textContent = 'window.__inlineRan = true;';
  document.head.appendChild(inline);
  const remote = document.createElement('script');
  remote.src = 'http://127.0.0.1:9/evil.js';
  document.head.appendChild(remote);
  await new Promise((resolve) => setTimeout(resolve, 100));
  out.dataset.inlineScript = window.__inlineRan ? 'ran' : 'blocked';
  out.dataset.done = 'yes';
})();
