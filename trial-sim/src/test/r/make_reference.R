# Reference values for trial-sim tests. Development only (CI reads the CSV this writes).
# Run: Rscript trial-sim/src/test/r/make_reference.R > trial-sim/src/test/resources/reference/r_reference.csv
# R 4.2.2 (Debian bookworm), rpact 3.3.4 (r-cran-rpact), pwr 1.3 (r-cran-pwr).
suppressMessages({library(rpact); library(pwr)})
out <- function(id, call, name, value) cat(sprintf("%s,\"%s\",%s,%.15g\n", id, call, name, value))
cat("case_id,call,output,value\n")
# ---- means: stats::power.t.test (noncentral t)
e <- function(id, expr, field, name) { v <- eval(parse(text = expr))[[field]]; out(id, expr, name, v) }
e("M01", "power.t.test(delta=0.5,sd=1,power=0.8,tol=1e-12)", "n", "n_per_group")
e("M02", "power.t.test(delta=0.5,sd=1,power=0.8,strict=TRUE,tol=1e-12)", "n", "n_per_group")
e("M03", "power.t.test(delta=1,sd=2,power=0.9,type='paired',alternative='one.sided',tol=1e-12)", "n", "n_per_group")
e("M04", "power.t.test(delta=0.3,sd=1,power=0.85,type='one.sample',tol=1e-12)", "n", "n_per_group")
e("M05", "power.t.test(n=20,delta=1,sd=1)", "power", "power")
e("M06", "power.t.test(n=20,delta=1,sd=1,strict=TRUE)", "power", "power")
e("M07", "power.t.test(n=10,delta=0.2,sd=1,strict=TRUE)", "power", "power")
e("M08", "power.t.test(delta=0.4,sd=1.2,power=0.9,sig.level=0.025,alternative='one.sided',tol=1e-12)", "n", "n_per_group")
e("M09", "power.t.test(n=3,delta=2,sd=1,type='one.sample')", "power", "power")
# unequal allocation: pwr::pwr.t2n.test counts both tails (= strict), df = n1+n2-2
e("M10", "pwr.t2n.test(n1=30,n2=60,d=0.6,sig.level=0.05)", "power", "power")
e("M11", "pwr.t2n.test(n1=25,n2=50,d=0.5,sig.level=0.05,alternative='greater')", "power", "power")
# z approximation: the closed form evaluated in R
out("M12", "(qnorm(0.975)+qnorm(0.9))^2*2*1.5^2/1^2", "n_per_group", (qnorm(0.975)+qnorm(0.9))^2*2*1.5^2/1^2)
out("M13", "pnorm(sqrt(40/2)*0.5-qnorm(0.975))+pnorm(-sqrt(40/2)*0.5-qnorm(0.975))", "power", pnorm(sqrt(40/2)*0.5-qnorm(0.975))+pnorm(-sqrt(40/2)*0.5-qnorm(0.975)))
# non-inferiority of means (noncentral t, one-sided 0.025): rpact
r <- getSampleSizeMeans(thetaH0=-0.3, alternative=0.1, stDev=1, alpha=0.025, sided=1, beta=0.2)
out("M14", "rpact::getSampleSizeMeans(thetaH0=-0.3,alternative=0.1,stDev=1,alpha=0.025,sided=1,beta=0.2)", "n_total", r$nFixed)
r <- getSampleSizeMeans(alternative=0.5, stDev=1, alpha=0.05, sided=2, beta=0.2, allocationRatioPlanned=2)
out("M15", "rpact::getSampleSizeMeans(alternative=0.5,stDev=1,alpha=0.05,sided=2,beta=0.2,allocationRatioPlanned=2)", "n_total", r$nFixed)
# TOST exact power (Phillips 1990): integrate the conditional normal probability over S/sigma
tost <- function(n1, n2, delta, sd, m, a) {
  df <- n1 + n2 - 2; se <- sd*sqrt(1/n1+1/n2); c <- qt(1-a, df); umax <- m/(c*se)
  f <- function(u) pmax(0, pnorm((m-c*u*se-delta)/se)-pnorm((-m+c*u*se-delta)/se)) * 2*df*u*dchisq(df*u^2, df)
  integrate(f, 0, umax, rel.tol=1e-13, abs.tol=1e-15, subdivisions=1000L)$value }
out("M16", "TOST exact: integrate over S; n1=n2=30, delta=0.1, sd=1, margin=0.5, alpha=0.05 each", "power", tost(30,30,0.1,1,0.5,0.05))
out("M17", "TOST exact: integrate over S; n1=n2=12, delta=0, sd=1, margin=1, alpha=0.025 each", "power", tost(12,12,0,1,1,0.025))
# ---- proportions: stats::power.prop.test
e("P01", "power.prop.test(p1=0.5,p2=0.75,power=0.9,tol=1e-12)", "n", "n_per_group")
e("P02", "power.prop.test(n=50,p1=0.5,p2=0.75)", "power", "power")
e("P03", "power.prop.test(n=50,p1=0.5,p2=0.75,strict=TRUE)", "power", "power")
e("P04", "power.prop.test(p1=0.2,p2=0.3,power=0.8,alternative='one.sided',tol=1e-12)", "n", "n_per_group")
e("P05", "power.prop.test(p1=0.1,p2=0.25,power=0.8,sig.level=0.01,strict=TRUE,tol=1e-12)", "n", "n_per_group")
# Farrington-Manning non-inferiority and unequal allocation: rpact (pi1 experimental, allocationRatioPlanned = n1/n2)
r <- getSampleSizeRates(pi1=0.8, pi2=0.8, thetaH0=-0.1, alpha=0.025, sided=1, beta=0.2)
out("P06", "rpact::getSampleSizeRates(pi1=0.8,pi2=0.8,thetaH0=-0.1,alpha=0.025,sided=1,beta=0.2)", "n_total", r$nFixed)
r <- getSampleSizeRates(pi1=0.75, pi2=0.7, thetaH0=-0.1, alpha=0.025, sided=1, beta=0.1, allocationRatioPlanned=2)
out("P07", "rpact::getSampleSizeRates(pi1=0.75,pi2=0.7,thetaH0=-0.1,alpha=0.025,sided=1,beta=0.1,allocationRatioPlanned=2)", "n_total", r$nFixed)
r <- getSampleSizeRates(pi1=0.4, pi2=0.25, alpha=0.05, sided=2, beta=0.2, allocationRatioPlanned=0.5)
out("P08", "rpact::getSampleSizeRates(pi1=0.4,pi2=0.25,alpha=0.05,sided=2,beta=0.2,allocationRatioPlanned=0.5)", "n_total", r$nFixed)
r <- getPowerRates(pi1=0.8, pi2=0.8, thetaH0=-0.1, alpha=0.025, sided=1, maxNumberOfSubjects=400)
out("P09", "rpact::getPowerRates(pi1=0.8,pi2=0.8,thetaH0=-0.1,alpha=0.025,sided=1,maxNumberOfSubjects=400)", "power", r$overallReject)
# ---- survival: rpact getSampleSizeSurvival (events: Schoenfeld / Freedman; subjects: events / P(event))
s <- function(id, args, fields) { call <- paste0("rpact::getSampleSizeSurvival(", args, ")")
  r <- eval(parse(text = call)); for (f in names(fields)) out(id, call, fields[[f]], r[[f]]) }
s("S02", "hazardRatio=0.7,alpha=0.05,sided=2,beta=0.2,typeOfComputation='Schoenfeld',accrualTime=c(0,24),followUpTime=12,median2=12", list(maxNumberOfEvents="events", maxNumberOfSubjects="n_total"))
s("S03", "hazardRatio=0.75,alpha=0.025,sided=1,beta=0.1,typeOfComputation='Freedman',accrualTime=c(0,18),followUpTime=6,median2=9", list(maxNumberOfEvents="events", maxNumberOfSubjects="n_total"))
s("S04", "hazardRatio=0.6,alpha=0.05,sided=2,beta=0.1,typeOfComputation='Schoenfeld',accrualTime=c(0,12),followUpTime=12,median2=10,dropoutRate1=0.1,dropoutRate2=0.1,dropoutTime=12", list(maxNumberOfEvents="events", maxNumberOfSubjects="n_total"))
s("S05", "hazardRatio=0.7,alpha=0.025,sided=1,beta=0.2,typeOfComputation='Schoenfeld',allocationRatioPlanned=2,accrualTime=c(0,20),followUpTime=10,median2=15", list(maxNumberOfEvents="events", maxNumberOfSubjects="n_total"))
s("S07", "hazardRatio=0.7,alpha=0.05,sided=2,beta=0.2,typeOfComputation='Freedman',allocationRatioPlanned=2", list(maxNumberOfEvents="events"))
s("S08", "hazardRatio=0.7,alpha=0.05,sided=2,beta=0.2,typeOfComputation='Schoenfeld',accrualTime=c(0,6,24),accrualIntensity=c(0.1,0.2),followUpTime=12,median2=12", list(maxNumberOfEvents="events", maxNumberOfSubjects="n_total"))
r <- getPowerSurvival(hazardRatio=0.7, alpha=0.025, sided=1, maxNumberOfEvents=300, maxNumberOfSubjects=600, accrualTime=c(0,24), median2=12, typeOfComputation="Schoenfeld", directionUpper=FALSE)
out("S09", "rpact::getPowerSurvival(hazardRatio=0.7,alpha=0.025,sided=1,maxNumberOfEvents=300,maxNumberOfSubjects=600,accrualTime=c(0,24),median2=12,directionUpper=FALSE)", "power", r$overallReject)
# Lachin-Foulkes in gsDesign nSurv (LFPWE) form, evaluated here with numerical integration of P(event)
pev <- function(lam, eta, A, T) integrate(function(s) lam/(lam+eta)*(1-exp(-(lam+eta)*(T-s))), 0, A, rel.tol=1e-13)$value
lf <- function(hr, medC, A, F, eta, alpha, sided, beta, ratio=1) {
  lc <- log(2)/medC; qe <- ratio/(1+ratio); qc <- 1-qe; l0 <- (1+hr*ratio)/(1+ratio)*lc; T <- A+F
  dC <- qc*pev(lc,eta,A,T); dE <- qe*pev(lc*hr,eta,A,T); dC0 <- qc*pev(l0,eta,A,T); dE0 <- qe*pev(l0,eta,A,T)
  k <- ((qnorm(1-alpha/sided)*sqrt(1/dC0+1/dE0)+qnorm(1-beta)*sqrt(1/dC+1/dE))/log(hr))^2
  c(n=k*A, d=k*(dC+dE)) }
v <- lf(0.7, 12, 24, 12, 0, 0.05, 2, 0.2)
out("S10", "Lachin-Foulkes (gsDesign nSurv LFPWE formula): hr=0.7,medC=12,R=24,minfup=12,eta=0,alpha=0.05,sided=2,beta=0.2", "n_total", v[["n"]])
out("S10", "Lachin-Foulkes (gsDesign nSurv LFPWE formula): hr=0.7,medC=12,R=24,minfup=12,eta=0,alpha=0.05,sided=2,beta=0.2", "events", v[["d"]])
v <- lf(0.6, 6, 12, 18, 0.01, 0.025, 1, 0.1, ratio=1.5)
out("S11", "Lachin-Foulkes (gsDesign nSurv LFPWE formula): hr=0.6,medC=6,R=12,minfup=18,eta=0.01,alpha=0.025,sided=1,beta=0.1,ratio=1.5", "n_total", v[["n"]])
out("S11", "Lachin-Foulkes (gsDesign nSurv LFPWE formula): hr=0.6,medC=6,R=12,minfup=18,eta=0.01,alpha=0.025,sided=1,beta=0.1,ratio=1.5", "events", v[["d"]])
# ---- group-sequential designs: rpact getDesignGroupSequential (one-sided alpha; criticalValues,
# futilityBounds), getDesignCharacteristics (inflationFactor), cumulative alpha spent
g <- function(id, args) { call <- paste0("rpact::getDesignGroupSequential(", args, ")")
  d <- eval(parse(text = call)); ch <- getDesignCharacteristics(d)
  for (i in seq_along(d$criticalValues)) out(id, call, sprintf("upper_z[%d]", i), d$criticalValues[i])
  if (d$typeBetaSpending != "none") for (i in seq_along(d$futilityBounds)) out(id, call, sprintf("lower_z[%d]", i), d$futilityBounds[i])
  out(id, call, "inflation_factor", ch$inflationFactor)
  for (i in seq_along(d$alphaSpent)) out(id, call, sprintf("cumulative_alpha[%d]", i), d$alphaSpent[i]) }
g("G02", "kMax=3,alpha=0.025,beta=0.1,sided=1,typeOfDesign='asOF'")
g("G03", "kMax=4,alpha=0.025,beta=0.2,sided=1,typeOfDesign='asP'")
g("G04", "kMax=3,alpha=0.025,beta=0.1,sided=1,typeOfDesign='asHSD',gammaA=-4,informationRates=c(0.3,0.7,1)")
g("G05", "kMax=3,alpha=0.025,beta=0.1,sided=1,typeOfDesign='OF'")
g("G06", "kMax=5,alpha=0.025,beta=0.1,sided=1,typeOfDesign='P'")
g("G07", "kMax=3,alpha=0.025,beta=0.1,sided=1,typeOfDesign='asOF',typeBetaSpending='bsOF',bindingFutility=FALSE")
g("G08", "kMax=3,alpha=0.025,beta=0.1,sided=1,typeOfDesign='asOF',typeBetaSpending='bsOF',bindingFutility=TRUE")
g("G09", "kMax=4,alpha=0.025,beta=0.2,sided=1,typeOfDesign='asHSD',gammaA=-2,typeBetaSpending='bsHSD',gammaB=-2,bindingFutility=FALSE,informationRates=c(0.25,0.5,0.8,1)")
g("G10", "kMax=3,alpha=0.05,beta=0.1,sided=2,typeOfDesign='asOF'")
g("G11", "kMax=2,alpha=0.025,beta=0.1,sided=1,typeOfDesign='asKD',gammaA=3")
