// Registers the service worker (./sw.js, next to index.html) and tells the app when a new
// version has been downloaded and is waiting. It never reloads the page by itself: the app
// shows "新版本可用" with a button, and only that button reloads.
//
// Contract with the Rust side (src/browser/service_worker.rs):
// - window.dutyLedgerUpdateReady is true once a new version is waiting (read at start-up);
// - the window event "duty-ledger:update-ready" is dispatched when that happens later;
// - the app dispatches the window event "duty-ledger:apply-update" when the person clicks
//   reload: the waiting worker is told to take over (SKIP_WAITING) and the page reloads once.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;

  var READY_EVENT = 'duty-ledger:update-ready';
  var APPLY_EVENT = 'duty-ledger:apply-update';
  var CHECK_EVERY_MS = 30 * 60 * 1000;
  var sw = navigator.serviceWorker;
  // Whether this page was already run by a worker: if not, the first worker taking control is
  // the first install, not a new version.
  var hadController = Boolean(sw.controller);
  var registration = null;
  var applying = false;

  function announce() {
    if (window.dutyLedgerUpdateReady === true) return;
    window.dutyLedgerUpdateReady = true;
    window.dispatchEvent(new CustomEvent(READY_EVENT));
  }

  function watchInstalling(worker) {
    if (!worker) return;
    worker.addEventListener('statechange', function () {
      // Installed while a worker already runs this page: a new version is waiting.
      if (worker.state === 'installed' && sw.controller) announce();
    });
  }

  function check() {
    if (!registration || navigator.onLine === false) return;
    registration.update().catch(function () {
      // Offline or the host is down: try again at the next occasion.
    });
  }

  sw.addEventListener('controllerchange', function () {
    if (applying) {
      window.location.reload();
    } else if (hadController) {
      // Another tab moved to the new version: this one still runs the old one.
      announce();
    }
    hadController = true;
  });

  window.addEventListener(APPLY_EVENT, function () {
    if (applying) return;
    applying = true;
    var waiting = registration && registration.waiting;
    if (waiting) {
      waiting.postMessage({ type: 'SKIP_WAITING' });
      // The person asked to reload: if the worker never takes over (a newer one replaced it
      // meanwhile), reload all the same.
      setTimeout(function () {
        window.location.reload();
      }, 5000);
    } else {
      // Nothing waits any more (another tab applied it): the new version already runs here.
      window.location.reload();
    }
  });

  window.addEventListener('load', function () {
    // Under `trunk serve` (its live-reload script is in the page) development must always see
    // the files just built: no worker, and one left from an earlier release run goes away.
    var liveReload = Array.prototype.some.call(document.scripts, function (s) {
      return s.textContent.indexOf('.well-known/trunk/ws') >= 0;
    });
    if (liveReload) {
      sw.getRegistration('./').then(function (reg) {
        if (reg) reg.unregister();
      });
      return;
    }
    sw.register('./sw.js')
      .then(function (reg) {
        registration = reg;
        if (reg.waiting && sw.controller) announce();
        watchInstalling(reg.installing);
        reg.addEventListener('updatefound', function () {
          watchInstalling(reg.installing);
        });
        setInterval(function () {
          if (document.visibilityState === 'visible') check();
        }, CHECK_EVERY_MS);
        document.addEventListener('visibilitychange', function () {
          if (document.visibilityState === 'visible') check();
        });
        window.addEventListener('online', check);
      })
      .catch(function () {
        // No worker (private mode, unsupported host): the app works online as before.
      });
  });
})();
