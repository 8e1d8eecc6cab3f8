// The hosted payment page's only script (served from this origin, pinned with Subresource Integrity): tip presets,
// the running total, and switching between card and wallet. The form works without it.
(function () {
  'use strict';

  var amounts = document.getElementById('amounts');
  var form = document.getElementById('payment-form');
  if (!amounts || !form) {
    return;
  }
  var currency = amounts.getAttribute('data-currency');
  var baseTotal = Number(amounts.getAttribute('data-base-total'));
  var amount = Number(amounts.getAttribute('data-amount'));
  var tipInput = document.getElementById('tipAmount');
  var tipShown = document.getElementById('tip-shown');
  var total = document.getElementById('total');

  function cents(value) {
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  function refresh() {
    var tip = tipInput ? Number(tipInput.value || '0') : 0;
    if (!isFinite(tip) || tip < 0) {
      tip = 0;
    }
    if (tipShown) {
      tipShown.textContent = currency + ' ' + cents(tip);
    }
    total.textContent = currency + ' ' + cents(baseTotal + tip);
  }

  var presets = document.querySelectorAll('.tip-preset');
  presets.forEach(function (button) {
    button.addEventListener('click', function () {
      var percent = Number(button.getAttribute('data-percent'));
      tipInput.value = cents(amount * percent / 100);
      presets.forEach(function (other) { other.classList.remove('selected'); });
      button.classList.add('selected');
      refresh();
    });
  });
  if (tipInput) {
    tipInput.addEventListener('input', function () {
      presets.forEach(function (other) { other.classList.remove('selected'); });
      refresh();
    });
  }

  var cardFields = document.getElementById('card-fields');
  var walletFields = document.getElementById('wallet-fields');
  document.querySelectorAll('input[name=method]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      var wallet = radio.value === 'wallet' && radio.checked;
      cardFields.hidden = wallet;
      walletFields.hidden = !wallet;
    });
  });

  form.addEventListener('submit', function () {
    document.getElementById('pay').disabled = true;
  });
  refresh();
}());
