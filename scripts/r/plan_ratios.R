# Reference estimates from R's survey package for the survey plan's ratios and totals
# (docs/plan.md, [ratios.<name>] and [totals.<name>]): a ratio of two declared numbers,
# each given on some rows only, and a total of a declared number given on some rows only;
# with thresholds other than the defaults (90 % intervals).
#
# The California API stratified sample (apistrat) in the input contract, as
# scripts/r/plan_breakdowns.R writes it, plus four columns the contract does not have:
#   street (街道)         XJH/TLQ/HHL/KJ as scripts/r/plan_columns.R writes it: every tenth
#                         school gives the street's Chinese name instead of its code; every
#                         13th leaves it blank;
#   score00               the school's API 2000 (api00);
#   score99               the school's API 1999 (api99); every ninth school leaves it blank;
#   学生数 (enrollment)    the school's enrolment, under its Chinese header; every 11th school
#                         leaves it blank.
# Then, with survey's own functions on that very file, domains as subsets of the full
# design (as svyby does), for all workers, each sex and each street (blank street:
# not_given): the ratio score_index = Σw·score00 / Σw·score99 over the rows giving both
# (svyratio; svyby with denominator), and the total enrolment_total = Σw·enrollment over the
# rows giving it (svytotal); SEs, normal 90 % intervals, no design effect; n is the
# domain's rows that give the column(s).
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-ratios/{workers.csv,plan.toml,expected.csv}
# Run:    Rscript scripts/r/plan_ratios.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-ratios"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
level <- 0.90

data(api)
a <- apistrat
written <- street_written(a)
d <- apistrat_workers(a)
d$street <- written
d$score00 <- a$api00
d$score99 <- ifelse(a$snum %% 9 == 0, NA, a$api99)
d$enrol <- ifelse(a$snum %% 11 == 0, NA, a$enroll)
names(d)[names(d) == "enrol"] <- "学生数"
write.csv(d, file.path(out, "workers.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
writeLines(c(
  street_plan_lines,
  "[columns.score00]",
  "type = \"number\"",
  "en = \"API 2000\"",
  "zh = \"2000年学业成绩指数\"",
  "min = 0",
  "max = 1000",
  "",
  "[columns.score99]",
  "type = \"number\"",
  "en = \"API 1999\"",
  "zh = \"1999年学业成绩指数\"",
  "min = 0",
  "max = 1000",
  "",
  "[columns.enrollment]",
  "type = \"number\"",
  "en = \"Enrolment\"",
  "zh = \"学生数\"",
  "min = 0",
  "max = 10000",
  "",
  "[breakdowns]",
  "add = [\"street\"]",
  "",
  "[ratios.score_index]",
  "numerator = \"score00\"",
  "denominator = \"score99\"",
  "en = \"API 2000 per API 1999 point\"",
  "zh = \"2000年与1999年学业成绩指数之比\"",
  "unit = { en = \"index\", zh = \"指数\" }",
  "",
  "[totals.enrolment_total]",
  "column = \"enrollment\"",
  "en = \"Total enrolment\"",
  "zh = \"学生总数\"",
  "unit = { en = \"pupils\", zh = \"人\" }"), file.path(out, "plan.toml"))

d <- read_street_workers(file.path(out, "workers.csv"))
d$all <- "all"
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)
both <- !is.na(d$score00) & !is.na(d$score99)
given <- !is.na(d$enrollment)
ratio_design <- subset(design, !is.na(score00) & !is.na(score99))
total_design <- subset(design, !is.na(enrollment))

z <- qnorm(1 - (1 - level) / 2)
rows <- list()
emit <- function(by, value, indicator, n, est, se) {
  rows[[length(rows) + 1]] <<- data.frame(
    scope = "all", by = by, domain = value, indicator = indicator, n = n, estimate = est,
    se = se, ci_low = est - z * se, ci_high = est + z * se, deff = NA, stringsAsFactors = FALSE)
}
for (by in c("all", "sex", "street")) {
  if (by == "all") {
    r <- svyratio(~score00, ~score99, ratio_design)
    t <- svytotal(~enrollment, total_design)
    ratios <- data.frame(value = "all", est = coef(r)[1], se = SE(r)[1], stringsAsFactors = FALSE)
    totals <- data.frame(value = "all", est = coef(t)[1], se = SE(t)[1], stringsAsFactors = FALSE)
  } else {
    f <- as.formula(paste0("~", by))
    r <- svyby(~score00, f, denominator = ~score99, design = ratio_design, svyratio)
    t <- svyby(~enrollment, f, total_design, svytotal)
    ratios <- data.frame(value = as.character(r[[by]]), est = coef(r), se = SE(r), stringsAsFactors = FALSE)
    totals <- data.frame(value = as.character(t[[by]]), est = coef(t), se = SE(t), stringsAsFactors = FALSE)
  }
  for (value in sort(unique(as.character(d[[by]])))) {
    member <- as.character(d[[by]]) == value
    k <- match(value, ratios$value)
    emit(by, value, "score_index", sum(member & both), ratios$est[k], ratios$se[k])
    k <- match(value, totals$value)
    emit(by, value, "enrolment_total", sum(member & given), totals$est[k], totals$se[k])
  }
}
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
cat(nrow(expected), "reference rows written to", out, "\n")
