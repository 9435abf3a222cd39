package dev.orders.infra.secrets;

import java.util.List;

/** A published development secret is configured outside development; the message names what to set. */
public class PublishedSecretInUseException extends IllegalStateException {

    private final List<String> variables;

    PublishedSecretInUseException(List<String> variables) {
        super("Refusing to start: " + String.join(", ", variables) + (variables.size() == 1 ? " holds" : " hold")
                + " a development secret published in the repository. Set " + String.join(", ", variables)
                + " to your own secret, or set " + PublishedSecretsCheck.PROFILE_VARIABLE + "="
                + PublishedSecretsCheck.DEVELOPMENT + " on a development machine.");
        this.variables = List.copyOf(variables);
    }

    public List<String> variables() {
        return variables;
    }
}
