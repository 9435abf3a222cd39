package dev.orders.edge.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One GreenMail SMTP server for the JVM, so every test class can share one application context (which is told its
 * port once). Its mailboxes are per address, and each test writes to its own address.
 */
public final class Mail {

    public static final GreenMail SERVER = start();

    private Mail() {}

    private static GreenMail start() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
        return mail;
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }
}
