package cn.donghe.rehab.contracts;

import cn.donghe.rehab.common.QueryParams;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Family-doctor contracts (家庭医生签约) and the signing worklist. */
@Path("/api/v1/contracts")
@Produces(MediaType.APPLICATION_JSON)
public class ContractResource {
  private static final String CONTRACT = "签约 contract";
  private final ContractService service;

  public ContractResource(ContractService service) { this.service = service; }

  /**
   * 201 the contract; 401; 403 INSTITUTION/GUARDIAN; 409 overlapping contract (problem names
   * {@code existingContractId}); 422 invalid or unknown field (a DOCTOR only for themselves).
   */
  @POST @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser user, ContractInputs.NewContract body) {
    if (body == null) throw ApiException.invalid("personId", "必填 / required");
    Contract c = service.create(user, body);
    return Response.created(URI.create("/api/v1/contracts/" + c.id())).entity(c).build();
  }

  /** 200 page; 400 malformed filter; 401; 403 INSTITUTION/GUARDIAN. ADMIN: own region; DOCTOR: own contracts. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S})
  public Page<Contract> list(@Auth AppUser user, @QueryParam("doctorId") String doctorId, @QueryParam("personId") String personId,
                             @QueryParam("activeOn") String activeOn, @QueryParam("expiringWithinDays") String expiring,
                             @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    ContractInputs.ContractQuery q = new ContractInputs.ContractQuery(QueryParams.uuid(doctorId, "doctorId"),
        QueryParams.uuid(personId, "personId"), QueryParams.date(activeOn, "activeOn"),
        QueryParams.intIn(expiring, "expiringWithinDays", 0, 366));
    return service.list(user, q, PageRequest.parse(limit, cursor));
  }

  /** 200 page of ACTIVE persons without a contract in force today; 400 bad regionCode; 401; 403 INSTITUTION/GUARDIAN. */
  @GET @Path("/worklist/unsigned") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S})
  public Page<UnsignedPerson> unsigned(@Auth AppUser user, @QueryParam("regionCode") String regionCode,
                                       @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.unsigned(user, QueryParams.regionCode(regionCode), PageRequest.parse(limit, cursor));
  }

  /** 200 the contract; 401; 403 INSTITUTION/GUARDIAN; 404 unknown or out of scope. */
  @GET @Path("/{id}") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S})
  public Contract get(@Auth AppUser user, @PathParam("id") String id) {
    return service.get(user, Ids.parseOrNotFound(id, CONTRACT));
  }

  /** 200 the terminated contract; 401; 403; 404 unknown or out of scope; 409 already terminated or expired; 422 date/reason. */
  @POST @Path("/{id}/terminate") @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S}) @Consumes(MediaType.APPLICATION_JSON)
  public Contract terminate(@Auth AppUser user, @PathParam("id") String id, ContractInputs.Termination body) {
    if (body == null) throw ApiException.invalid("date", "必填 / required");
    return service.terminate(user, Ids.parseOrNotFound(id, CONTRACT), body);
  }
}
