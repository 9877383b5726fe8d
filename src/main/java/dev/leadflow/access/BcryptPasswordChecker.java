package dev.leadflow.access;

import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Lets Camunda's login (Cockpit, Tasklist, Admin) check a password configured as a {@code {bcrypt}} hash;
 * Camunda stores such a hash as it is, with the prefix that selects this checker.
 */
final class BcryptPasswordChecker implements PasswordEncryptor {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @Override
    public String encrypt(String password) {
        return bcrypt.encode(password);
    }

    @Override
    public boolean check(String password, String encrypted) {
        return password != null && encrypted != null && bcrypt.matches(password, encrypted);
    }

    @Override
    public String hashAlgorithmName() {
        return "bcrypt";
    }
}
