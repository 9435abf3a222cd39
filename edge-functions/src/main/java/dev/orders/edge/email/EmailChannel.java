package dev.orders.edge.email;

import dev.orders.edge.channel.Channel;
import dev.orders.edge.channel.Html;
import dev.orders.edge.channel.Outgoing;
import dev.orders.edge.channel.SendResult;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Jakarta Mail (Angus): a plain-text and an HTML alternative of the same message. The SMTP
 * server is the operator's ({@code SMTP_HOST}); each step is bounded by {@code SMTP_TIMEOUT} and the whole send by
 * {@code SMTP_TOTAL_TIMEOUT} ({@link SendDeadline}).
 */
@Component
class EmailChannel implements Channel {

    public static final String NAME = "EMAIL";

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final SmtpProperties properties;
    private final Session session;
    private final InternetAddress from;
    private final SendDeadline deadline;

    public EmailChannel(SmtpProperties properties) {
        this.properties = properties;
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("SMTP_FROM is not an e-mail address: " + properties.from());
        }
        this.deadline = new SendDeadline(properties.totalTimeout());
        if (!properties.configured()) {
            log.warn("SMTP_HOST is not set: e-mail deliveries will be recorded as SKIPPED, not sent.");
            this.session = null;
            return;
        }
        Properties smtp = new Properties();
        String millis = String.valueOf(properties.timeout().toMillis());
        smtp.put("mail.transport.protocol", "smtp");
        smtp.put("mail.smtp.host", properties.host());
        smtp.put("mail.smtp.port", String.valueOf(properties.port()));
        smtp.put("mail.smtp.connectiontimeout", millis);
        smtp.put("mail.smtp.timeout", millis);
        smtp.put("mail.smtp.writetimeout", millis);
        smtp.put("mail.smtp.socketFactory", deadline);
        smtp.put("mail.smtp.socketFactory.fallback", "false");
        smtp.put("mail.smtp.starttls.enable", String.valueOf(properties.starttls()));
        smtp.put("mail.smtp.starttls.required", String.valueOf(properties.starttls()));
        boolean auth = !properties.username().isBlank();
        smtp.put("mail.smtp.auth", String.valueOf(auth));
        this.session = Session.getInstance(
                smtp,
                auth
                        ? new Authenticator() {
                            @Override
                            protected PasswordAuthentication getPasswordAuthentication() {
                                return new PasswordAuthentication(properties.username(), properties.password());
                            }
                        }
                        : null);
        log.info("E-mail deliveries go to {}:{} from {}", properties.host(), properties.port(), properties.from());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> checkAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getAddress().contains("@") && parsed.getPersonal() == null) {
                return Optional.empty();
            }
        } catch (AddressException ignored) {
            // answered below
        }
        return Optional.of("must be an e-mail address such as ana@example.com");
    }

    @Override
    public SendResult send(Outgoing message) {
        if (session == null) {
            return new SendResult.Skipped("SMTP_HOST is not set");
        }
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(from);
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.address(), true));
            mail.setSubject(message.subject(), "UTF-8");
            mail.setSentDate(new Date());
            mail.setHeader("X-Delivery-Id", message.deliveryId());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(Html.toPlainText(message.html()), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(Html.toEmailHtml(message.html(), message.subject()), "UTF-8", "html");
            mail.setContent(new MimeMultipart("alternative", text, html));
            mail.saveChanges();
            if (!deadline.run(() -> Transport.send(mail))) {
                return SendResult.Retry.failure(
                        "SMTP: no complete exchange within " + deadline.total().toMillis() + " ms", 0, List.of());
            }
            return new SendResult.Sent(1, List.of(mail.getMessageID()));
        } catch (AddressException e) {
            return new SendResult.Failed("not an e-mail address", 0, List.of());
        } catch (SMTPSendFailedException e) {
            String error = "SMTP " + e.getReturnCode() + ": " + firstLine(e.getMessage());
            return e.getReturnCode() >= 500
                    ? new SendResult.Failed(error, 0, List.of())
                    : SendResult.Retry.failure(error, 0, List.of());
        } catch (SendFailedException e) {
            // the server refused the recipient address
            return new SendResult.Failed("SMTP refused the address: " + firstLine(e.getMessage()), 0, List.of());
        } catch (MessagingException e) {
            // connection refused, timeouts, authentication: all worth another try after the backoff
            Throwable cause = e.getCause() instanceof IOException io ? io : e;
            return SendResult.Retry.failure(
                    "SMTP failed: " + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()),
                    0,
                    List.of());
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 300);
    }
}
