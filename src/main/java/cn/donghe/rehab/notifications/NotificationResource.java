package cn.donghe.rehab.notifications;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The in-app inbox and preferences of every role; the ADMIN's view of deliveries (dead letters). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
  private final OutboxService service;

  public NotificationResource(OutboxService service) { this.service = service; }

  /** 200 own notifications, newest first (unread=true: only unread); 400 bad filter; 401. */
  @GET @Path("/me/notifications") @PermitAll
  public Page<InboxItem> inbox(@Auth AppUser u, @QueryParam("unread") String unread,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    boolean only = unread == null || unread.isBlank() ? false : switch (unread) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest("unread", "true 或 false / true or false");
    };
    return service.inbox(u, only, PageRequest.parse(limit, cursor));
  }

  /** 200 the number of unread notifications; 401. */
  @GET @Path("/me/notifications/unread-count") @PermitAll
  public UnreadCount unreadCount(@Auth AppUser u) { return service.unread(u); }

  /** 200 the notification, read; 401; 404 unknown or someone else's. */
  @POST @Path("/me/notifications/{id}/read") @PermitAll
  public InboxItem markRead(@Auth AppUser u, @PathParam("id") String id) {
    return service.markRead(u, Ids.parseOrNotFound(id, "通知 notification"));
  }

  /** 200 own preferences (defaults when never set); 401. */
  @GET @Path("/me/notification-preferences") @PermitAll
  public Preferences preferences(@Auth AppUser u) { return service.preferences(u); }

  /** 200 saved; 401; 422 bad language or e-mail, missing field. */
  @PUT @Path("/me/notification-preferences") @PermitAll @Consumes(MediaType.APPLICATION_JSON)
  public Preferences savePreferences(@Auth AppUser u, Preferences body) {
    if (body == null) throw ApiException.invalid("language", "必填 / required");
    return service.savePreferences(u, body);
  }

  /** 200 deliveries in a status (default DEAD, the dead-letter list); 400 bad status; 401; 403 not a global ADMIN. */
  @GET @Path("/notification-deliveries") @RolesAllowed(Role.ADMIN_S)
  public Page<Delivery> deliveries(@Auth AppUser u, @QueryParam("status") String status,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    requireGlobalAdmin(u);
    String s = status == null || status.isBlank() ? "DEAD" : status;
    if (!List.of("PENDING", "DELIVERED", "DEAD").contains(s)) throw ApiException.badRequest("status", "PENDING, DELIVERED 或 DEAD");
    return service.deliveries(s, PageRequest.parse(limit, cursor));
  }

  /** 200 the delivery, PENDING again with fresh attempts; 401; 403 not a global ADMIN; 404 unknown; 409 not DEAD. */
  @POST @Path("/notification-deliveries/{id}/retry") @RolesAllowed(Role.ADMIN_S)
  public Delivery retry(@Auth AppUser u, @PathParam("id") String id) {
    requireGlobalAdmin(u);
    return service.retry(u, Ids.parseOrNotFound(id, "投递 delivery"));
  }

  /** Deliveries name recipients and events of every town, so a town ADMIN does not see them. */
  private static void requireGlobalAdmin(AppUser u) {
    if (!u.isGlobalAdmin()) throw ApiException.forbidden("仅限全局管理员 / global ADMIN only");
  }
}
