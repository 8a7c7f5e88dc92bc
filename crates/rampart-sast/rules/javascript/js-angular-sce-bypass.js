angular.module("profile", []).controller("ProfileCtrl", function ($scope, $sce, api) {
  api.load().then(function (profile) {
    // ruleid: js-angular-sce-bypass
    $scope.bio = $sce.trustAsHtml(profile.bio);
    // ruleid: js-angular-sce-bypass
    $scope.site = $sce.trustAs($sce.URL, profile.website);
    // ok: js-angular-sce-bypass
    $scope.banner = $sce.trustAsHtml("<b>Welcome</b>");
    // ok: js-angular-sce-bypass
    $scope.name = profile.name;
  });
});

angular.module("app", []).config(function ($sceProvider, $sceDelegateProvider) {
  // ruleid: js-angular-sce-bypass
  $sceProvider.enabled(false);
  // ok: js-angular-sce-bypass
  $sceProvider.enabled(true);
  // ruleid: js-angular-sce-bypass
  $sceDelegateProvider.resourceUrlWhitelist(["self", "https://**.cdn.example.com"]);
  // ok: js-angular-sce-bypass
  $sceDelegateProvider.resourceUrlWhitelist(["self", "https://cdn.example.com/templates/**"]);
});
