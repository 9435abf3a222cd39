package dev.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.deploy.RenderedOverlay.EnvSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay of deploy/k8s with kubectl's kustomize and checks what a cluster would run. Each check
 * collects every offence before failing (SoftAssertions), so one run lists all there is to fix.
 */
class KubernetesManifestsTest {

    /** Scaled by their HorizontalPodAutoscaler: the stateless gateway and the queue consumers. */
    private static final Set<String> AUTOSCALED =
            Set.of("api-gateway", "products-service", "orders-service", "webhook-publisher");
    /** The database URL of each service that would otherwise default to a SQLite file (one process only). */
    private static final Map<String, String> ON_POSTGRESQL =
            Map.of("orders-service", "ORDERS_DB_URL", "products-service", "PRODUCTS_DB_URL");

    private static final Set<String> EXTERNAL_SERVERS = Set.of("rabbitmq", "redis", "postgresql");
    /** The heap ./run.sh gives a service, and what the JVM needs beside it (metaspace, code cache, threads). */
    private static final long HEAP_MIB = 384;

    private static final long NON_HEAP_MIB = 192;
    private static final Pattern LOCAL_HOST = Pattern.compile("(^|//)(localhost|127\\.0\\.0\\.1|\\[::1])([:/]|$)");
    private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    private static RenderedOverlay overlay(String name) {
        return RENDERED.computeIfAbsent(name, RenderedOverlay::render);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsAsOneDeploymentWithAServiceOnItsPort(String name) {
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(overlay.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ServiceSettings.SERVICES);
        for (String service : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Deployment deployment = overlay.deployment(service);
            Container container = RenderedOverlay.container(deployment);
            soft.assertThat(container.getImage())
                    .as(service + " image")
                    .matches("orders-platform/" + service + ":[\\w.-]+")
                    .doesNotEndWith(":latest");
            soft.assertThat(container.getPorts())
                    .as(service + " container port")
                    .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(settings.port()));
            Optional<Service> svc = overlay.find(Service.class, service);
            soft.assertThat(svc).as(service + " Service").isPresent();
            svc.ifPresent(s -> {
                soft.assertThat(s.getSpec().getSelector())
                        .as(service + " Service selector")
                        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                soft.assertThat(s.getSpec().getPorts())
                        .as(service + " Service port")
                        .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(settings.port()));
            });
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasStartupLivenessAndReadinessProbesOnItsHealthEndpoints(String name) {
        assertThat(ServiceSettings.healthProbesEnabled())
                .as("management.endpoint.health.probes.enabled in platform-defaults.yml (the probes' paths)")
                .isTrue();
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Container c = RenderedOverlay.container(overlay.deployment(service));
            String liveness = settings.healthPath() + "/liveness";
            soft.assertThat(path(c.getStartupProbe()))
                    .as(service + " startupProbe")
                    .isEqualTo(liveness);
            soft.assertThat(path(c.getLivenessProbe()))
                    .as(service + " livenessProbe")
                    .isEqualTo(liveness);
            soft.assertThat(path(c.getReadinessProbe()))
                    .as(service + " readinessProbe")
                    .isEqualTo(settings.healthPath() + "/readiness");
            for (Probe probe : new Probe[] {c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()}) {
                if (probe != null && probe.getHttpGet() != null) {
                    soft.assertThat(probe.getHttpGet().getPort().getStrVal())
                            .as(service + " probe port")
                            .isEqualTo("http");
                }
            }
            // the JVM takes ~15 s to start: the startup probe, not the liveness probe, must wait for it
            if (c.getStartupProbe() != null) {
                int startupSeconds = c.getStartupProbe().getPeriodSeconds()
                        * c.getStartupProbe().getFailureThreshold();
                soft.assertThat(startupSeconds)
                        .as(service + " startup allowance (s)")
                        .isGreaterThanOrEqualTo(60);
            }
        }
        soft.assertAll();
    }

    private static String path(Probe probe) {
        return probe == null || probe.getHttpGet() == null
                ? null
                : probe.getHttpGet().getPath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasRequestsAndLimitsThatFitTheJvmHeap(String name) {
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSettings.SERVICES) {
            Container c = RenderedOverlay.container(overlay.deployment(service));
            var resources = c.getResources();
            soft.assertThat(resources.getRequests()).as(service + " requests").containsKeys("cpu", "memory");
            soft.assertThat(resources.getLimits()).as(service + " limits").containsKeys("cpu", "memory");
            Quantity limit = resources.getLimits().get("memory");
            String jvmOptions = Optional.ofNullable(overlay.environment(c).get("JAVA_TOOL_OPTIONS"))
                    .map(EnvSource::value)
                    .orElse("");
            Matcher percentage = MAX_RAM.matcher(jvmOptions);
            soft.assertThat(percentage.find())
                    .as(service + ": JAVA_TOOL_OPTIONS sets -XX:MaxRAMPercentage")
                    .isTrue();
            if (limit != null && percentage.find(0)) {
                double limitMib = limit.getNumericalAmount().doubleValue() / (1024 * 1024);
                double heapMib = limitMib * Double.parseDouble(percentage.group(1)) / 100;
                soft.assertThat(heapMib)
                        .as(service + " heap (MiB) = memory limit × MaxRAMPercentage")
                        .isGreaterThanOrEqualTo(HEAP_MIB);
                soft.assertThat(limitMib - heapMib)
                        .as(service + " memory beside the heap (MiB)")
                        .isGreaterThanOrEqualTo(NON_HEAP_MIB);
                Quantity request = resources.getRequests().get("memory");
                soft.assertThat(request)
                        .as(service + " memory request = limit (the heap is sized from the limit)")
                        .isEqualTo(limit);
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerRunsAsNonRootWithoutPrivilegesOnAReadOnlyRoot(String name) {
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSettings.SERVICES) {
            PodSpec pod = overlay.deployment(service).getSpec().getTemplate().getSpec();
            Container c = RenderedOverlay.container(overlay.deployment(service));
            PodSecurityContext podContext =
                    Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
            SecurityContext own = Optional.ofNullable(c.getSecurityContext()).orElse(new SecurityContext());
            Boolean nonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : podContext.getRunAsNonRoot();
            Long user = own.getRunAsUser() != null ? own.getRunAsUser() : podContext.getRunAsUser();
            soft.assertThat(nonRoot).as(service + " runAsNonRoot").isTrue();
            soft.assertThat(user)
                    .as(service + " runAsUser (numeric, so the kubelet can check it is not root)")
                    .isNotNull()
                    .isNotZero();
            soft.assertThat(own.getAllowPrivilegeEscalation())
                    .as(service + " allowPrivilegeEscalation")
                    .isFalse();
            soft.assertThat(own.getPrivileged()).as(service + " privileged").isNotEqualTo(Boolean.TRUE);
            soft.assertThat(
                            own.getCapabilities() == null
                                    ? List.of()
                                    : own.getCapabilities().getDrop())
                    .as(service + " capabilities dropped")
                    .contains("ALL");
            soft.assertThat(
                            own.getCapabilities() == null
                                    ? List.of()
                                    : own.getCapabilities().getAdd())
                    .as(service + " capabilities added")
                    .isNullOrEmpty();
            soft.assertThat(own.getReadOnlyRootFilesystem())
                    .as(service + " readOnlyRootFilesystem")
                    .isTrue();
            // Tomcat and the JVM write under /tmp
            soft.assertThat(c.getVolumeMounts())
                    .as(service + " a writable /tmp")
                    .anySatisfy(m -> {
                        assertThat(m.getMountPath()).isEqualTo("/tmp");
                        assertThat(pod.getVolumes())
                                .filteredOn(v -> v.getName().equals(m.getName()))
                                .extracting(Volume::getEmptyDir)
                                .doesNotContainNull()
                                .hasSize(1);
                    });
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasADisruptionBudgetAndTheScalableOnesAnAutoscaler(String name) {
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            soft.assertThat(overlay.all(PodDisruptionBudget.class))
                    .as(service + " PodDisruptionBudget")
                    .anySatisfy(pdb -> assertThat(podLabels)
                            .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
            Optional<HorizontalPodAutoscaler> hpa = overlay.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(service))
                    .findFirst();
            if (AUTOSCALED.contains(service)) {
                soft.assertThat(hpa).as(service + " HorizontalPodAutoscaler").isPresent();
                hpa.ifPresent(h -> soft.assertThat(h.getSpec().getMaxReplicas())
                        .as(service + " maxReplicas")
                        .isGreaterThan(Optional.ofNullable(h.getSpec().getMinReplicas())
                                .orElse(1)));
                // a fixed count would be put back by every kubectl apply, fighting the autoscaler
                soft.assertThat(deployment.getSpec().getReplicas())
                        .as(service + " replicas (the HPA's to set)")
                        .isNull();
            }
        }
        soft.assertThat(overlay.all(HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .as("what the autoscalers scale")
                .containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ordersAndProductsAreOnPostgresqlAndTheServersAreExternal(String name) {
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        ON_POSTGRESQL.forEach((service, variable) -> {
            Map<String, EnvSource> env = overlay.environment(RenderedOverlay.container(overlay.deployment(service)));
            soft.assertThat(Optional.ofNullable(env.get(variable)).map(EnvSource::value))
                    .as(service + " " + variable)
                    .hasValueSatisfying(url -> assertThat(url).startsWith("jdbc:postgresql://postgresql:"));
        });
        for (String server : EXTERNAL_SERVERS) {
            Optional<Service> svc = overlay.find(Service.class, server);
            soft.assertThat(svc.map(s -> s.getSpec().getType()))
                    .as(server + " Service type")
                    .contains("ExternalName");
            soft.assertThat(svc.map(s -> s.getSpec().getExternalName()))
                    .as(server + " externalName")
                    .hasValueSatisfying(host -> assertThat(host).doesNotEndWith(".invalid"));
        }
        Set<String> kinds = new TreeSet<>();
        overlay.objects().forEach(o -> kinds.add(o.getKind()));
        soft.assertThat(kinds)
                .as("kinds rendered (no home-made StatefulSet for the servers)")
                .doesNotContain("StatefulSet");
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableTheServicesReadIsSetOrHasADefaultThatWorksInACluster(String name) {
        RenderedOverlay overlay = overlay(name);
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Map<String, EnvSource> env = overlay.environment(RenderedOverlay.container(overlay.deployment(service)));
            settings.variables().forEach((variable, fallback) -> {
                if (env.containsKey(variable)) {
                    return;
                }
                soft.assertThat(fallback)
                        .as(service + " reads " + variable + ", which has no default: set it")
                        .isPresent();
                fallback.ifPresent(
                        value -> soft.assertThat(LOCAL_HOST.matcher(value).find())
                                .as(service + " reads " + variable + ", whose default (" + value
                                        + ") is this pod itself " + "in a cluster: set it")
                                .isFalse());
            });
            env.forEach((variable, source) -> {
                soft.assertThat(settings.variables().containsKey(variable)
                                || ServiceSettings.READ_OUTSIDE_PLACEHOLDERS.contains(variable)
                                || variable.equals("INSTANCE_ID"))
                        .as(service + " is given " + variable + ", which it does not read")
                        .isTrue();
                if (source.value() != null) {
                    soft.assertThat(LOCAL_HOST.matcher(source.value()).find())
                            .as(service + " " + variable + "=" + source.value() + " points at the pod itself")
                            .isFalse();
                }
            });
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void publishedSecretsComeFromTheSecretAndOnlyDevAcceptsTheDevelopmentValues(String name) throws IOException {
        RenderedOverlay overlay = overlay(name);
        String deploymentDoc = Files.readString(Repo.path("docs/deployment.md"));
        SoftAssertions soft = new SoftAssertions();
        for (String service : ServiceSettings.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Map<String, EnvSource> env = overlay.environment(RenderedOverlay.container(overlay.deployment(service)));
            for (String variable : settings.publishedSecretVariables()) {
                soft.assertThat(Optional.ofNullable(env.get(variable)).map(EnvSource::kind))
                        .as(service + " " + variable + " (a published development secret) from a Secret")
                        .contains(EnvSource.Kind.SECRET);
            }
            String profile = Optional.ofNullable(env.get("PLATFORM_PROFILE"))
                    .map(EnvSource::value)
                    .orElse("");
            soft.assertThat(profile).as(service + " PLATFORM_PROFILE").isEqualTo(name.equals("dev") ? "dev" : "");
            env.values().stream().filter(s -> s.kind() == EnvSource.Kind.SECRET).forEach(ref -> {
                soft.assertThat(deploymentDoc)
                        .as("docs/deployment.md names the Secret key " + ref.key())
                        .contains("`" + ref.key() + "`");
                Optional<Secret> secret = overlay.find(Secret.class, ref.secret());
                if (name.equals("prod")) {
                    soft.assertThat(secret)
                            .as("prod renders no Secret: the operator creates " + ref.secret())
                            .isEmpty();
                } else if (!ref.optional()) {
                    soft.assertThat(secret.map(s -> s.getData().containsKey(ref.key())))
                            .as(service + " " + ref.variable() + ": Secret " + ref.secret() + " key " + ref.key())
                            .contains(true);
                }
            });
        }
        if (name.equals("prod")) {
            soft.assertThat(overlay.all(Secret.class)).as("Secrets in prod").isEmpty();
        }
        soft.assertAll();
    }

    @Test
    void theIngressSendsEverythingToTheGatewayAndProductionTerminatesTls() {
        for (String name : List.of("dev", "prod")) {
            List<Ingress> ingresses = overlay(name).all(Ingress.class);
            assertThat(ingresses).as(name + " ingresses").hasSize(1);
            var rules = ingresses.getFirst().getSpec().getRules();
            assertThat(rules)
                    .as(name + " ingress rules")
                    .isNotEmpty()
                    .allSatisfy(rule -> assertThat(rule.getHttp().getPaths()).allSatisfy(path -> {
                        assertThat(path.getBackend().getService().getName()).isEqualTo("api-gateway");
                        assertThat(path.getBackend().getService().getPort().getName())
                                .isEqualTo("http");
                    }));
            if (name.equals("prod")) {
                assertThat(ingresses.getFirst().getSpec().getTls())
                        .as("prod TLS")
                        .isNotEmpty();
            }
        }
    }
}
