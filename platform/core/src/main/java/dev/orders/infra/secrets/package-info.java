/**
 * The start-up rule for published development secrets: {@link dev.orders.infra.secrets.PublishedSecretsCheck}
 * refuses them outside {@code PLATFORM_PROFILE=dev}. Services declare their secrets under
 * {@code platform.published-secrets}.
 */
package dev.orders.infra.secrets;
