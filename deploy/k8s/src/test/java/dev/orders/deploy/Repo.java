package dev.orders.deploy;

import java.nio.file.Path;

/** Files of this repository; Surefire passes its root (the pom sets repo.root). */
final class Repo {

    private Repo() {}

    static Path path(String relative) {
        return Path.of(System.getProperty("repo.root", "../.."))
                .toAbsolutePath()
                .normalize()
                .resolve(relative);
    }
}
