package com.mpac.mia.payment;

/**
 * A payment request (extension) on a QR code: active until paid, cancelled or expired; nothing leaves those.
 * Extensions of static codes with a free amount have no expiry and stay active through payments.
 */
enum ExtensionState {
    active, paid, cancelled, expired;

    boolean canBecome(ExtensionState next) {
        return this == active && next != active;
    }
}
