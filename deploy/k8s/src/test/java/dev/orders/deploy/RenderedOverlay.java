package dev.orders.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One overlay as {@code kubectl kustomize} renders it, parsed into fabric8's model. The renderer is the kubectl that
 * scripts/install-kubectl.sh provides (.ci/run calls it); without one the tests fail rather than skip.
 */
record RenderedOverlay(String name, List<HasMetadata> objects) {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Namespace", Namespace.class,
            "ConfigMap", ConfigMap.class,
            "Secret", Secret.class,
            "Service", Service.class,
            "Deployment", Deployment.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "Ingress", Ingress.class);

    static RenderedOverlay render(String overlay) {
        Path dir = Repo.path("deploy/k8s/overlays/" + overlay);
        String yaml = run(kubectl().toString(), "kustomize", dir.toString());
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<HasMetadata> objects = new ArrayList<>();
        try (var documents = mapper.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                String kind = document.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new AssertionError("overlay " + overlay + " renders a " + kind
                            + ", which these tests do not know: teach RenderedOverlay and the checks about it");
                }
                objects.add(mapper.treeToValue(document, type));
            }
        } catch (IOException e) {
            throw new AssertionError("the rendered overlay " + overlay + " is not valid YAML", e);
        }
        return new RenderedOverlay(overlay, objects);
    }

    /** The project's own kubectl (.tools/kubectl) when scripts/install-kubectl.sh put one there, else the PATH's. */
    static Path kubectl() {
        Path own = Repo.path(".tools/kubectl/kubectl");
        if (Files.isExecutable(own)) {
            return own;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "no kubectl to render the Kubernetes manifests: run scripts/install-kubectl.sh " + "(.ci/run does)");
    }

    private static String run(String... command) {
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectError(stderr.toFile())
                        .start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(stderr));
                }
                return out;
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    Deployment deployment(String service) {
        return find(Deployment.class, service)
                .orElseThrow(() -> new AssertionError(name + " has no Deployment " + service));
    }

    static Container container(Deployment deployment) {
        List<Container> containers =
                deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(deployment.getMetadata().getName() + " should run one container");
        }
        return containers.getFirst();
    }

    /** Where a container's variable comes from: a literal value, a ConfigMap's (resolved here), a Secret or a field. */
    record EnvSource(String variable, Kind kind, String value, String secret, String key, boolean optional) {
        enum Kind {
            VALUE,
            CONFIG_MAP,
            SECRET,
            FIELD
        }
    }

    /** Every variable the container gets, later sources winning as in Kubernetes (env over envFrom). */
    Map<String, EnvSource> environment(Container container) {
        Map<String, EnvSource> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String mapName = from.getConfigMapRef().getName();
                ConfigMap map = find(ConfigMap.class, mapName)
                        .orElseThrow(() -> new AssertionError(name + " has no ConfigMap " + mapName));
                map.getData()
                        .forEach((k, v) ->
                                env.put(k, new EnvSource(k, EnvSource.Kind.CONFIG_MAP, v, null, null, false)));
            }
            if (from.getSecretRef() != null) {
                throw new AssertionError(container.getName() + " takes a whole Secret (envFrom secretRef): name "
                        + "each variable with secretKeyRef, so the checks (and a reader) see which ones it sets");
            }
        }
        for (EnvVar var : container.getEnv()) {
            String k = var.getName();
            if (var.getValueFrom() == null) {
                env.put(
                        k,
                        new EnvSource(
                                k,
                                EnvSource.Kind.VALUE,
                                var.getValue() == null ? "" : var.getValue(),
                                null,
                                null,
                                false));
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                env.put(
                        k,
                        new EnvSource(
                                k,
                                EnvSource.Kind.SECRET,
                                null,
                                ref.getName(),
                                ref.getKey(),
                                Boolean.TRUE.equals(ref.getOptional())));
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                String value = find(ConfigMap.class, ref.getName())
                        .map(m -> m.getData().get(ref.getKey()))
                        .orElseThrow(() ->
                                new AssertionError(name + ": no ConfigMap key " + ref.getName() + "/" + ref.getKey()));
                env.put(k, new EnvSource(k, EnvSource.Kind.CONFIG_MAP, value, null, null, false));
            } else {
                env.put(k, new EnvSource(k, EnvSource.Kind.FIELD, null, null, null, false));
            }
        }
        return env;
    }
}
