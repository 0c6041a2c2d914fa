package cn.donghe.rehab.periods;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/** Months of a year and their closing by the district federation (DESIGN section 10). */
@Path("/api/v1/periods")
@Produces(MediaType.APPLICATION_JSON)
public class PeriodResource {
  private final PeriodService service;
  private final Clock clock;

  public PeriodResource(PeriodService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** 200 {@code {"items":[...]}} the twelve months of {@code year} (default this year); 400 malformed year; 401; 403 not ADMIN. */
  @GET @RolesAllowed(Role.ADMIN_S)
  public Page<Period> list(@Auth AppUser admin, @QueryParam("year") String year) {
    return new Page<>(service.year(year == null || year.isBlank() ? LocalDate.now(clock).getYear() : year(year)), null);
  }

  /**
   * 200 the closed month; 400 malformed period; 401; 403 not a district-wide ADMIN; 409 already closed;
   * 422 the month has not ended, or a note longer than 500 characters.
   */
  @POST @Path("/{period}/close") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Period close(@Auth AppUser admin, @PathParam("period") String period, Period.CloseInput body) {
    return service.close(admin, month(period), body == null ? null : body.note());
  }

  /** 200 the reopened month; 400 malformed period; 401; 403 not a district-wide ADMIN; 409 not closed; 422 no reason. */
  @POST @Path("/{period}/reopen") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Period reopen(@Auth AppUser admin, @PathParam("period") String period, Period.ReopenInput body) {
    return service.reopen(admin, month(period), body == null ? null : body.reason());
  }

  /** A month YYYY-MM of the years 2000..2100; anything else is 400 naming {@code period}. */
  public static YearMonth month(String raw) {
    if (raw == null || !raw.matches("(20[0-9]{2}|2100)-(0[1-9]|1[0-2])")) {
      throw ApiException.badRequest("period", "月份须为 YYYY-MM（2000-01 到 2100-12） / period must be YYYY-MM (2000-01..2100-12)");
    }
    return YearMonth.parse(raw);
  }

  static int year(String raw) {
    if (!raw.matches("20[0-9]{2}|2100")) throw ApiException.badRequest("year", "年份须在 2000 到 2100 之间 / year must be 2000..2100");
    return Integer.parseInt(raw);
  }
}
