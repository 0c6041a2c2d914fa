package cn.donghe.rehab.notifications;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Properties;

/** E-mail over SMTP (Angus Mail): multipart/alternative with plain text and HTML, the event key in {@code X-Event-Key}. */
final class EmailChannel implements Channel {
  private final NotificationConfig.Smtp config;
  private final Session session;

  EmailChannel(NotificationConfig.Smtp config) {
    this.config = config;
    Properties p = new Properties();
    String ms = Long.toString(config.getTimeout().toMilliseconds());
    p.put("mail.smtp.host", config.getHost());
    p.put("mail.smtp.port", Integer.toString(config.getPort()));
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    p.put("mail.smtp.starttls.enable", Boolean.toString(config.isStartTls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(config.isStartTls()));
    boolean auth = config.getUser() != null && !config.getUser().isBlank();
    p.put("mail.smtp.auth", Boolean.toString(auth));
    this.session = auth ? Session.getInstance(p, new Authenticator() {
      @Override protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(config.getUser(), config.password());
      }
    }) : Session.getInstance(p);
  }

  @Override public String name() { return "EMAIL"; }

  @Override public void send(OutgoingMessage m) throws Exception {
    if (m.email() == null) throw new IllegalStateException("recipient has no e-mail address");
    MimeMessage msg = new MimeMessage(session);
    msg.setFrom(new InternetAddress(config.getFrom()));
    msg.setRecipient(Message.RecipientType.TO, new InternetAddress(m.email()));
    msg.setSubject(m.subject(), "UTF-8");
    msg.setSentDate(new Date());
    msg.setHeader("X-Event-Key", m.eventKey());
    msg.setHeader("Content-Language", m.language());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(m.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(NotificationTexts.html(m.subject(), m.text()), "UTF-8", "html");
    MimeMultipart alt = new MimeMultipart("alternative");
    alt.addBodyPart(text);
    alt.addBodyPart(html);
    msg.setContent(alt);
    Transport.send(msg);
  }
}
