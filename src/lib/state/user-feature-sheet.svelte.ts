/**
 * A phone's bottom sheet for one of the user's own features, as the map page needs to know it: whether it
 * is open and where it rests (CSS pixels, null until it has come to rest), so that the map shrinks to the
 * space above it as it does for the plan's features. Written by UserFeatures, read by MapPagePanels.
 */
export const userFeatureSheet = $state<{ open: boolean; height: number | null }>({
  open: false,
  height: null
});
