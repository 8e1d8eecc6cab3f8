package com.mpac.contracts.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (API secrets, webhook secrets, provider credentials) with the platform master key
 * ({@code MPAC_MASTER_KEY}: 32 random bytes, base64). AES-256-GCM with a random 96-bit IV per value; the stored
 * form is {@code v1.<base64url(iv || ciphertext+tag)>}, the version leaving room for key rotation. A context string
 * (e.g. the row's id) is bound as associated data, so a ciphertext copied to another row does not decrypt.
 */
public final class SecretCipher {

    private static final String VERSION = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(String base64MasterKey) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64MasterKey.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("MPAC_MASTER_KEY must be base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("MPAC_MASTER_KEY must decode to 32 bytes, not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String encrypt(String plaintext, String context) {
        return encryptBytes(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public String decrypt(String stored, String context) {
        return new String(decryptBytes(stored, context), StandardCharsets.UTF_8);
    }

    public String encryptBytes(byte[] plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    public byte[] decryptBytes(String stored, String context) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("Unknown secret format");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Stored secret does not decrypt under the master key", ex);
        }
    }
}
