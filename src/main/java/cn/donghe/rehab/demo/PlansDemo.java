package cn.donghe.rehab.demo;

import cn.donghe.rehab.plans.Intervention;
import cn.donghe.rehab.plans.PlanContent;
import cn.donghe.rehab.common.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Demo rehab plans: about one in six contracted persons with a rehab need has a plan, with 1 to 4 revisions. */
public final class PlansDemo {
  private static final Map<String, List<String>> GOALS = Map.of(
      "PHYSICAL", List.of("独立行走 50 米", "独立完成床椅转移", "上肢功能改善，能自行进食"),
      "VISUAL", List.of("掌握盲杖定向行走", "能使用助视器阅读"),
      "HEARING", List.of("佩戴助听器后能进行日常交流", "完成听觉言语训练第一阶段"),
      "SPEECH", List.of("能用沟通板表达基本需求", "发音清晰度提高"),
      "INTELLECTUAL", List.of("生活自理能力提高", "掌握简单购物技能"),
      "MENTAL", List.of("按时服药，病情稳定", "参加社区康复活动"),
      "MULTIPLE", List.of("预防压疮和挛缩", "家属掌握护理技能"));

  private PlansDemo() {}

  /** A person who may get a plan: their category, the user who writes for their doctor, and when the contract began. */
  public record Candidate(UUID personId, String category, UUID authorId, LocalDate contractStart) {}

  public static int load(Handle h, ObjectMapper mapper, Random rnd, List<Candidate> signed,
                         Map<UUID, List<String>> needs, DemoSeed seed, LocalDate today, ZoneId zone) {
    BulkInsert plans = new BulkInsert(h, "plans", "id:uuid", "person_id:uuid", "status:text", "current_revision:integer",
        "created_at:timestamptz", "created_by:uuid", "updated_at:timestamptz");
    BulkInsert revisions = new BulkInsert(h, "plan_revisions", "plan_id:uuid", "revision:integer", "content:jsonb", "author_id:uuid",
        "author_role:text", "created_at:timestamptz").after(plans);
    BulkInsert named = new BulkInsert(h, "plan_institutions", "institution_id:uuid", "plan_id:uuid").after(plans);
    int count = 0;
    for (Candidate s : signed) {
      List<String> need = needs.get(s.personId());
      if (need == null || need.isEmpty() || rnd.nextDouble() >= 0.17) continue;
      long since = today.toEpochDay() - s.contractStart().toEpochDay();
      LocalDate start = s.contractStart().plusDays(since <= 0 ? 0 : rnd.nextInt((int) Math.min(since, 60) + 1));
      int n = 1 + rnd.nextInt(4);
      long span = Math.max(0, today.toEpochDay() - start.toEpochDay());
      UUID planId = Ids.newId();
      PlanContent content = first(s.category(), need, seed, rnd, start);
      String role = s.authorId() != null && s.authorId().equals(seed.admin()) ? "ADMIN" : "DOCTOR";
      // the plan row goes in before its revisions: a chunk of revisions is written with its parent
      // chunk first, so every revision's plan must already be among the parent's rows
      List<PlanContent> contents = new ArrayList<>();
      List<java.time.Instant> times = new ArrayList<>();
      for (int rev = 1; rev <= n; rev++) {
        if (rev > 1) content = next(content, rnd);
        contents.add(content);
        times.add(start.plusDays(span * (rev - 1) / n).atTime(9 + rev, 15).atZone(zone).toInstant());
      }
      plans.add(planId, s.personId(), "ACTIVE", n, start.atTime(10, 15).atZone(zone).toInstant(), s.authorId(), times.get(n - 1));
      for (int rev = 1; rev <= n; rev++) {
        revisions.add(planId, rev, json(mapper, contents.get(rev - 1)), s.authorId(), role, times.get(rev - 1));
      }
      Set<UUID> insts = new LinkedHashSet<>();
      content.interventions().forEach(i -> { if (i.institutionId() != null) insts.add(i.institutionId()); });
      insts.forEach(i -> named.add(i, planId));
      count++;
    }
    revisions.flush();
    named.flush();
    return count;
  }

  private static PlanContent first(String category, List<String> need, DemoSeed seed, Random rnd, LocalDate start) {
    List<String> goals = new ArrayList<>(GOALS.getOrDefault(category, GOALS.get("PHYSICAL")).subList(0, 1));
    List<Intervention> ivs = new ArrayList<>();
    for (String type : need) {
      UUID inst = switch (type) {
        case "REHAB_TRAINING", "REHAB_MEDICAL" -> pick(seed.rehabInstitutions(), rnd);
        case "DEVICE_SERVICE" -> pick(seed.deviceInstitutions(), rnd);
        default -> null;
      };
      String setting = inst != null ? "INSTITUTION" : type.equals("REHAB_NURSING") ? "HOME" : "COMMUNITY";
      int perMonth = switch (type) {
        case "REHAB_TRAINING" -> 8;
        case "REHAB_MEDICAL", "REHAB_NURSING" -> 4;
        default -> 1;
      };
      ivs.add(new Intervention(type, inst, setting, perMonth, null));
    }
    return PlanContent.of(goals, ivs, start, start.plusMonths(6));
  }

  /** The next revision: one plausible change (intensity, an added goal, or a later review). */
  private static PlanContent next(PlanContent c, Random rnd) {
    List<String> goals = new ArrayList<>(c.goals().stream().map(cn.donghe.rehab.plans.Goal::text).toList());
    List<Intervention> ivs = new ArrayList<>(c.interventions());
    LocalDate review = c.reviewDate();
    switch (rnd.nextInt(3)) {
      case 0 -> {
        int i = rnd.nextInt(ivs.size());
        Intervention old = ivs.get(i);
        int per = Math.max(1, Math.min(31, old.sessionsPerMonth() + (rnd.nextBoolean() ? 4 : -2)));
        ivs.set(i, new Intervention(old.serviceType(), old.institutionId(), old.setting(), per, "根据复评调整频次"));
      }
      case 1 -> goals.add("巩固训练成果，逐步回归社区 (" + (goals.size() + 1) + ")");
      default -> review = review.plusMonths(3);
    }
    return PlanContent.of(goals, ivs, c.startDate(), review);
  }

  private static UUID pick(List<UUID> ids, Random rnd) {
    return ids == null || ids.isEmpty() ? null : ids.get(rnd.nextInt(ids.size()));
  }

  private static String json(ObjectMapper mapper, Object o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
