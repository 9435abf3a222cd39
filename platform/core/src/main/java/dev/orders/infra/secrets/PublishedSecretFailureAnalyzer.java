package dev.orders.infra.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link PublishedSecretInUseException} into Boot's short "APPLICATION FAILED TO START" report. */
class PublishedSecretFailureAnalyzer extends AbstractFailureAnalyzer<PublishedSecretInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PublishedSecretInUseException cause) {
        String variables = String.join(", ", cause.variables());
        return new FailureAnalysis(
                cause.getMessage(),
                "Set " + variables + " to a secret of your own (for example: openssl rand -hex 24), or, on a "
                        + "development machine only, set " + PublishedSecretsCheck.PROFILE_VARIABLE + "="
                        + PublishedSecretsCheck.DEVELOPMENT + ".",
                cause);
    }
}
